using XinYu.Messaging.Directory;

namespace XinYu.Identity.Data;

/// <summary>A school of the directory (Staffing), as far as identity needs it: accounts may only name known schools.</summary>
public sealed class KnownSchool : IKnownSchool
{
    public Guid SchoolId { get; set; }
    public Guid BureauId { get; set; }
    public DateTimeOffset LearnedAt { get; set; }
    public DateTimeOffset SourceChangedAt { get; set; }
    public int SourceEvents { get; set; }
}
