using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;

namespace XinYu.Records.Domain;

/// <summary>A school of the bureau, learned from the directory's events (Staffing owns it).</summary>
public sealed class KnownSchool : KnownSchoolCopy
{
    public string Level { get; set; } = "";
    public DateTimeOffset LearnedAt { get; set; }
}

/// <summary>A class of a known school, learned from ClassOpened/ClassClosed. <see cref="Name"/> is the school's own
/// label (七(3)班) that a roster uses; the directory's events carry no names, so the school admin sets it here.</summary>
public sealed class KnownClass : KnownClassCopy
{
    public int Grade { get; set; }
    public int EntryYear { get; set; }
    public string? Name { get; set; }
    public bool Closed { get; set; }
}
