namespace XinYu.Records.Domain;

public static class StudentStatus
{
    public const string Active = "active";
    /// <summary>Left the bureau's schools (graduated, moved away); kept until archived.</summary>
    public const string Left = "left";
    /// <summary>Archived under the retention rule: no ordinary reads; purged later.</summary>
    public const string Archived = "archived";
}

/// <summary>A student: one id for life, whichever school of the bureau they are at (一生一档).</summary>
public sealed class Student
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>The current school: it alone decides which school's staff reach the file.</summary>
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public int Grade { get; set; }
    /// <summary>全国学籍号, unique in the bureau when present.</summary>
    public string? NationalNumber { get; set; }
    public string Name { get; set; } = "";
    /// <summary>male | female</summary>
    public string Gender { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public string Status { get; set; } = StudentStatus.Active;
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
    public string? LeftReason { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>A student's guardian (监护人). The phone number is encrypted at rest.</summary>
public sealed class Guardian
{
    public Guid Id { get; set; }
    public Guid StudentId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>father | mother | grandfather | grandmother | other</summary>
    public string Relation { get; set; } = "";
    public string Phone { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// One entry of a student's file section (family situation, psychological status). Entries are never edited:
/// a correction is a new entry that names the one it corrects (court-safe records).
/// </summary>
public sealed class FileEntry
{
    public Guid Id { get; set; }
    public Guid StudentId { get; set; }
    /// <summary>family-situation | psychological-status</summary>
    public string Section { get; set; } = "";
    /// <summary>Encrypted at rest.</summary>
    public string Text { get; set; } = "";
    public Guid? Corrects { get; set; }
    public Guid SchoolId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A guardian's consent, or its withdrawal, for one purpose. Rows are only appended; the latest counts.</summary>
public sealed class Consent
{
    public Guid Id { get; set; }
    public Guid StudentId { get; set; }
    /// <summary>screening | referral | data-sharing</summary>
    public string Purpose { get; set; } = "";
    /// <summary>For data-sharing: the agency named.</summary>
    public string? AgencyId { get; set; }
    public bool Granted { get; set; }
    public Guid GuardianId { get; set; }
    /// <summary>paper | online</summary>
    public string Method { get; set; } = "";
    /// <summary>When the guardian gave or withdrew it.</summary>
    public DateTimeOffset GivenAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The receipt each school gets of a hand-over (移交): the sending and the receiving school.</summary>
public sealed class HandOverReceipt
{
    public Guid Id { get; set; }
    public Guid HandOverId { get; set; }
    public Guid StudentId { get; set; }
    public Guid SchoolId { get; set; }
    /// <summary>sent | received</summary>
    public string Direction { get; set; } = "";
    public Guid FromSchoolId { get; set; }
    public Guid ToSchoolId { get; set; }
    /// <summary>Who proposed the hand-over (a request of the receiving school, or a release of the holding one).</summary>
    public string HandedOverBy { get; set; } = "";
    /// <summary>Who, on the other side, accepted it.</summary>
    public string ApprovedBy { get; set; } = "";
    public DateTimeOffset HandedOverAt { get; set; }
}
