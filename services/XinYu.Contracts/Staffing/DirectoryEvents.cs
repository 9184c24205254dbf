namespace XinYu.Contracts;

// The directory's facts (Staffing owns schools, classes, staff and assignments). Consumers keep the ids and the few
// non-personal fields below; staff names and other personal data never travel in these events.

/// <summary>A bureau registered a school. <see cref="IntegrationEvent.SchoolId"/> is the new school's id.</summary>
public sealed record SchoolRegistered : IntegrationEvent
{
    /// <summary>primary | junior | senior | nine-year | twelve-year | vocational</summary>
    public required string Level { get; init; }
    public required bool Urban { get; init; }
    public required bool Boarding { get; init; }
    public required int StudentCount { get; init; }
    /// <summary>法人学校</summary>
    public required bool LegalEntity { get; init; }
}

/// <summary>A school's details changed; carries the school's current values.</summary>
public sealed record SchoolUpdated : IntegrationEvent
{
    public required string Level { get; init; }
    public required bool Urban { get; init; }
    public required bool Boarding { get; init; }
    public required int StudentCount { get; init; }
    public required bool LegalEntity { get; init; }
}

/// <summary>A school opened a class (班级).</summary>
public sealed record ClassOpened : IntegrationEvent
{
    public required Guid ClassId { get; init; }
    /// <summary>1–12, counted from the first year of primary.</summary>
    public required int Grade { get; init; }
    public required int EntryYear { get; init; }
}

/// <summary>A school closed a class (graduated or merged).</summary>
public sealed record ClassClosed : IntegrationEvent
{
    public required Guid ClassId { get; init; }
}

/// <summary>A staff member joined a school (or, with no school, the bureau's research staff). Roles only, no name.</summary>
public sealed record StaffRegistered : IntegrationEvent
{
    public required Guid StaffId { get; init; }
    /// <summary>full-time-psych, part-time-psych, key-teacher, head-teacher, subject-teacher, new-hire, principal, research-staff</summary>
    public required IReadOnlyList<string> Roles { get; init; }
}

/// <summary>A staff member was assigned to a class: head-teacher | subject-teacher | mentor.</summary>
public sealed record StaffAssignedToClass : IntegrationEvent
{
    public required Guid ClassId { get; init; }
    public required Guid StaffId { get; init; }
    public required string Kind { get; init; }
}

/// <summary>
/// A staff member left their school (moved away, retired). <see cref="AccountSubject"/> is the sign-in account the
/// school admin linked to the staff record, if any, so identity can take the school from that account.
/// </summary>
public sealed record StaffLeftSchool : IntegrationEvent
{
    public required Guid StaffId { get; init; }
    public string? AccountSubject { get; init; }
    public required DateOnly LeftOn { get; init; }
}
