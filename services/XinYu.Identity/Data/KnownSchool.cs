using XinYu.Messaging.Directory;

namespace XinYu.Identity.Data;

/// <summary>A school of the directory (Staffing), as far as identity needs it: accounts may only name known schools.</summary>
public sealed class KnownSchool : KnownSchoolCopy
{
    public DateTimeOffset LearnedAt { get; set; }
}
