using XinYu.Messaging.Copies;

namespace XinYu.Identity.Data;

/// <summary>A class of the directory (Staffing's ClassOpened / ClassClosed): accounts may only name open classes of their school.</summary>
public sealed class KnownClass : ILocalCopy
{
    public Guid ClassId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid BureauId { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset SourceChangedAt { get; set; }
    public int SourceEvents { get; set; }
}
