namespace XinYu.Contracts;

// Calendar owns school years, terms, holidays and events. Presenters travel as directory staff ids.

/// <summary>A bureau set (or changed) a term's dates. Bureau-wide: <see cref="IntegrationEvent.SchoolId"/> is null.</summary>
public sealed record TermScheduled : IntegrationEvent
{
    public required Guid TermId { get; init; }
    /// <summary>The school year's first calendar year: 2026 for 2026–2027.</summary>
    public required int SchoolYear { get; init; }
    /// <summary>1 (autumn) or 2 (spring).</summary>
    public required int Number { get; init; }
    public required DateOnly StartsOn { get; init; }
    public required DateOnly EndsOn { get; init; }
}

/// <summary>
/// A bureau loaded (or replaced) the official public-holiday list of one calendar year: its holidays and make-up
/// working days (调休). Bureau-wide. The whole list each time: a consumer replaces the year's days it kept.
/// </summary>
public sealed record HolidayListSet : IntegrationEvent
{
    public required int Year { get; init; }
    public required IReadOnlyList<OfficialDay> Days { get; init; }
}

/// <summary>An event was held; staffing counts the presenters' workload from it (by its actual duration).</summary>
public sealed record ActivityHeld : IntegrationEvent
{
    public required Guid ActivityId { get; init; }
    /// <summary>lecture | group-session | psych-lesson | parent-meeting | parent-school | campaign-day | drill | other</summary>
    public required string Kind { get; init; }
    public required DateOnly HeldOn { get; init; }
    public required int DurationMinutes { get; init; }
    public required IReadOnlyList<Guid> PresenterStaffIds { get; init; }
    /// <summary>The class it was held for, when it was a class's event (a psych lesson, a class meeting).</summary>
    public Guid? ClassId { get; init; }
    public int Attendance { get; init; }
}

/// <summary>An event is due soon (a reminder), so a notification channel can tell the people assigned to it.</summary>
public sealed record ActivityDueSoon : IntegrationEvent
{
    public required Guid ActivityId { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required IReadOnlyList<Guid> AssignedStaffIds { get; init; }
}
