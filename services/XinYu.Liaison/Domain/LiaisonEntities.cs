using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;

namespace XinYu.Liaison.Domain;

// What liaison learns from the other services' events: ids and the few fields it needs, no names.

/// <summary>A school of the directory (SchoolRegistered).</summary>
public sealed class KnownSchool : KnownSchoolCopy;

/// <summary>A class of the directory (ClassOpened / ClassClosed).</summary>
public sealed class KnownClass : KnownClassCopy
{
    public int Grade { get; set; }
    public bool Closed { get; set; }
}

/// <summary>A student's current school and class (Records' events). <see cref="Left"/>: no longer on any roll.</summary>
public sealed class RosterStudent : PlacedStudent;

/// <summary>A term of a bureau's school year (Calendar's TermScheduled), latest dates win.</summary>
public sealed class KnownTerm : TermCopy;

/// <summary>A home visit the head teacher planned for a student of their class.</summary>
public sealed class PlannedVisit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public Guid StudentId { get; set; }
    public int SchoolYear { get; set; }
    public DateOnly PlannedOn { get; set; }
    public required string PlannedBy { get; set; }
    public DateTimeOffset PlannedAt { get; set; }
}

public static class VisitKinds
{
    public const string Regular = "regular";
    public const string Special = "special";
}

/// <summary>A home visit that took place: regular (全员家访) or special (特殊家访, with the guardian's acknowledgement).</summary>
public sealed class HomeVisit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public Guid StudentId { get; set; }
    public int SchoolYear { get; set; }
    public DateOnly VisitedOn { get; set; }
    public List<Guid> VisitorStaffIds { get; set; } = [];
    /// <summary>Relation codes of the people met (<see cref="Domain.LiaisonCodes.Relations"/>).</summary>
    public List<string> Met { get; set; } = [];
    public List<string> Topics { get; set; } = [];
    /// <summary>Encrypted.</summary>
    public List<string> FollowUps { get; set; } = [];
    /// <summary>Encrypted.</summary>
    public string Notes { get; set; } = "";
    public Guid? SpecialVisitId { get; set; }
    public bool? GuardianInformed { get; set; }
    public bool? GuardianSeeksTreatment { get; set; }
    public bool? GuardianEnsuresSafety { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public bool GuardianAcknowledged => GuardianInformed == true && GuardianSeeksTreatment == true && GuardianEnsuresSafety == true;
}

/// <summary>A special home visit due after a student's level rose to high (one per rise: unique source event).</summary>
public sealed class SpecialVisitTask
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SourceEventId { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid? ClassId { get; set; }
    public Guid StudentId { get; set; }
    public required string FromLevel { get; set; }
    public required string ToLevel { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public Guid? VisitId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
}

/// <summary>Telling a student's guardian of a crisis warning, due within hours (one per warning).</summary>
public sealed class GuardianNotification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SourceEventId { get; set; }
    public Guid WarningId { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid? ClassId { get; set; }
    public Guid StudentId { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public string? Method { get; set; }
    public DateTimeOffset? InformedAt { get; set; }
    /// <summary>Encrypted.</summary>
    public string? Note { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
}

/// <summary>A parent meeting (家长会) or parent-school (家长学校) course held by a school.</summary>
public sealed class ParentActivity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public bool MentalHealth { get; set; }
    public DateOnly HeldOn { get; set; }
    public int SchoolYear { get; set; }
    public List<Guid> ClassIds { get; set; } = [];
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ParentAttendance> Attendance { get; set; } = [];
}

/// <summary>How many parents of a class attended an activity.</summary>
public sealed class ParentAttendance
{
    public Guid ActivityId { get; set; }
    public Guid ClassId { get; set; }
    public int Attended { get; set; }
}

/// <summary>A partner agency of the joint mechanism (家校社医协同). Its id is the agency claim of its client.</summary>
public sealed class PartnerAgency
{
    public required string Id { get; set; }
    public Guid BureauId { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>A joint meeting of the school, families, community and agencies.</summary>
public sealed class JointMeeting
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BureauId { get; set; }
    public DateOnly HeldOn { get; set; }
    public List<string> AgencyIds { get; set; } = [];
    /// <summary>Encrypted.</summary>
    public string Minutes { get; set; } = "";
    /// <summary>Encrypted.</summary>
    public List<string> Decisions { get; set; } = [];
    /// <summary>Encrypted.</summary>
    public List<string> FollowUps { get; set; } = [];
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A student's crisis handled jointly, shared with named agencies only.</summary>
public sealed class JointCase
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid StudentId { get; set; }
    /// <summary>Encrypted.</summary>
    public string Summary { get; set; } = "";
    public List<string> SharedWith { get; set; } = [];
    public required string OpenedBy { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
}
