namespace XinYu.Contracts;

// Records owns students, guardians, consent and the file. Other services keep a student's id, school, class and grade
// from these events; names, guardians and notes never leave Records.

/// <summary>A student joined a school of the bureau (roster import or registration). <see cref="IntegrationEvent.SchoolId"/> is the school.</summary>
public sealed record StudentEnrolled : IntegrationEvent
{
    public required Guid StudentId { get; init; }
    public required Guid ClassId { get; init; }
    /// <summary>1–12, counted from the first year of primary.</summary>
    public required int Grade { get; init; }
}

/// <summary>A student moved to another class of the same school (a new school year, a regrouping).</summary>
public sealed record StudentClassChanged : IntegrationEvent
{
    public required Guid StudentId { get; init; }
    public required Guid ClassId { get; init; }
    public required int Grade { get; init; }
}

/// <summary>
/// A student's file was handed over (移交) to another school of the bureau. <see cref="IntegrationEvent.SchoolId"/> is the
/// new school; from now on the old school's staff have no access, in every service.
/// </summary>
public sealed record StudentTransferred : IntegrationEvent
{
    public required Guid StudentId { get; init; }
    public required Guid FromSchoolId { get; init; }
    public required Guid ClassId { get; init; }
    public required int Grade { get; init; }
}

/// <summary>A student left the bureau's schools (graduated, moved away: the file was exported or archived).</summary>
public sealed record StudentLeft : IntegrationEvent
{
    public required Guid StudentId { get; init; }
    /// <summary>graduated | moved-out | other</summary>
    public required string Reason { get; init; }
}

/// <summary>
/// A guardian's consent for one purpose was recorded or withdrawn (PIPL Arts. 29, 31). The latest event per student and
/// purpose (by <see cref="IntegrationEvent.OccurredAt"/>) is the one that counts.
/// </summary>
public sealed record ConsentRecorded : IntegrationEvent
{
    public required Guid StudentId { get; init; }
    /// <summary>screening | referral | data-sharing</summary>
    public required string Purpose { get; init; }
    /// <summary>True: consent given; false: refused or withdrawn.</summary>
    public required bool Granted { get; init; }
    /// <summary>For data-sharing: the agency the consent names; otherwise null.</summary>
    public string? AgencyId { get; init; }
}

/// <summary>
/// A counsellor is on duty in the counselling room at these times (one slot of the duty rota, 值班表), in the
/// bureau's local time. Screening tells a student in crisis from it when the counsellor will be in touch.
/// </summary>
public sealed record DutySlotScheduled : IntegrationEvent
{
    public required Guid SlotId { get; init; }
    public required Guid CounsellorStaffId { get; init; }
    public required DateOnly Date { get; init; }
    public required TimeOnly StartsAt { get; init; }
    public required TimeOnly EndsAt { get; init; }
}

/// <summary>
/// A duty slot was taken off the rota (the counsellor is not there after all): Screening stops promising a student in
/// crisis a contact in it. Only the slot's id: a consumer knows the rest from <see cref="DutySlotScheduled"/>.
/// </summary>
public sealed record DutySlotCancelled : IntegrationEvent
{
    public required Guid SlotId { get; init; }
}

/// <summary>A counselling session was held (心理辅导), for workload counting and the student's timeline. No notes.</summary>
public sealed record CounsellingSessionHeld : IntegrationEvent
{
    public required Guid SessionId { get; init; }
    /// <summary>The staff member (directory id) who held it.</summary>
    public required Guid CounsellorStaffId { get; init; }
    /// <summary>individual | group</summary>
    public required string Kind { get; init; }
    public required DateOnly HeldOn { get; init; }
    public required int DurationMinutes { get; init; }
    /// <summary>The students who took part (one for an individual session).</summary>
    public required IReadOnlyList<Guid> StudentIds { get; init; }
}
