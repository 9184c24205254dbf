using XinYu.Messaging.Directory;

namespace XinYu.Calendar.Domain;

/// <summary>A term of a bureau's school year, as the bureau admin set it.</summary>
public sealed class Term
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>The school year's first calendar year (2024 for 2024–2025).</summary>
    public int SchoolYear { get; set; }
    /// <summary>1 autumn, 2 spring.</summary>
    public int Number { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
}

/// <summary>An exam date of a bureau's school year, before which exam-season care is due.</summary>
public sealed class Exam
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public int SchoolYear { get; set; }
    public string Name { get; set; } = "";
    public DateOnly Date { get; set; }
}

/// <summary>A day of the official public-holiday list a bureau loaded for a calendar year: holiday or make-up working day (调休).</summary>
public sealed class OfficialHoliday
{
    public Guid BureauId { get; set; }
    public DateOnly Date { get; set; }
    public int Year { get; set; }
    /// <summary>holiday | workday</summary>
    public string Kind { get; set; } = "";
    public string? Name { get; set; }
}

/// <summary>A school the directory registered (learned from Staffing's SchoolRegistered).</summary>
public sealed class KnownSchool : KnownSchoolCopy
{
    public string Level { get; set; } = "";
    public DateTimeOffset LearnedAt { get; set; }
}

/// <summary>A bureau-wide (no school) or school event: planned, assigned, registered for, and recorded as held.</summary>
public sealed class CalendarEvent
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid? SchoolId { get; set; }
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public string? Place { get; set; }
    public Guid? ClassId { get; set; }
    public List<Guid> PresenterStaffIds { get; set; } = [];
    public List<Guid> RegisteredStaffIds { get; set; } = [];
    /// <summary>iCalendar SEQUENCE: raised by every change a subscriber's calendar must pick up.</summary>
    public int Sequence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateOnly? HeldOn { get; set; }
    public int? HeldDurationMinutes { get; set; }
    public List<Guid>? HeldPresenterStaffIds { get; set; }
    public int? Attendance { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }
    /// <summary>Set when the event was called off: it stays in feeds as STATUS:CANCELLED, so subscribers drop it.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>PostgreSQL's xmin: two writers (two reminder sweeps) cannot both change the same row.</summary>
    public uint Version { get; set; }

    public bool IsHeld => HeldOn is not null;
}

/// <summary>A user's subscription to an iCalendar feed. Only the token's SHA-256 is kept; the token itself is shown once.</summary>
public sealed class FeedSubscription
{
    public Guid Id { get; set; }
    /// <summary>The token subject of the user who created it; only they list and revoke it.</summary>
    public string OwnerSubject { get; set; } = "";
    public Guid BureauId { get; set; }
    /// <summary>The subscriber's school (school staff), which bounds what a school or teacher feed shows.</summary>
    public Guid? OwnerSchoolId { get; set; }
    /// <summary>bureau | school | teacher</summary>
    public string Kind { get; set; } = "";
    public Guid? SchoolId { get; set; }
    public Guid? StaffId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
