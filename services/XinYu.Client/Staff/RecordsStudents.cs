using System.Text.Json;

namespace XinYu.Client.Staff;

/// <summary>A student in the school's list (Records' StudentSummary).</summary>
public sealed record StudentListing(Guid Id, string Name, string? NationalStudentNumber, string Gender, DateOnly BirthDate, Guid ClassId, int Grade,
    string Status);

/// <summary>A class of the school (Records' ClassView); <see cref="Name"/> is the school's own label, if it gave one.</summary>
public sealed record SchoolClass(Guid Id, Guid SchoolId, int Grade, int EntryYear, string? Name, bool Closed);

/// <summary>
/// A student's file as the caller may see it (Records' FileView): only the sections the role allows are filled, the
/// rest are null; <see cref="Sections"/> names what was given.
/// </summary>
public sealed record StudentFile(IReadOnlyList<string> Sections, StudentBasicFacts? Basic, IReadOnlyList<StudentGuardian>? Guardians,
    IReadOnlyList<FileEntry>? FamilySituation, IReadOnlyList<FileEntry>? PsychologicalStatus, IReadOnlyList<TimelineLine> Timeline);

/// <summary>Basic facts (Records' BasicFacts); name, 学籍号 and birth date are null for callers who see no names.</summary>
public sealed record StudentBasicFacts(Guid Id, string? Name, string? NationalStudentNumber, string Gender, DateOnly? BirthDate, Guid SchoolId,
    Guid ClassId, int Grade, string Status, DateTimeOffset EnrolledAt, DateTimeOffset? LeftAt);

public sealed record StudentGuardian(Guid Id, string Name, string Relation, string Phone);

/// <summary>An entry of a written section (append-only: a correction names the entry it corrects).</summary>
public sealed record FileEntry(Guid Id, string Section, string Text, Guid? Corrects, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record NewFileEntry(string? Section, string? Text, Guid? Corrects = null);

/// <summary>A line of the file's timeline, from an event (a screening, a warning, a session...); its details as the event gave them.</summary>
public sealed record TimelineLine(Guid Id, string Kind, string Section, Guid? SchoolId, DateTimeOffset OccurredAt, JsonElement Details);

/// <summary>A counselling session's notes for one student (Records' CounsellingNoteView), read only with a stated purpose.</summary>
public sealed record CounsellingNote(Guid SessionId, DateOnly HeldOn, string Kind, int DurationMinutes, Guid CounsellorStaffId, string Notes,
    string? FollowUp, DateOnly? FollowUpOn);
