namespace XinYu.Contracts;

// Identity's facts: accounts and partner clients. Ids only; no names, e-mails or secrets.

/// <summary>
/// A bureau admin created a staff account. <see cref="IntegrationEvent.SchoolId"/> is the account's school, null for a
/// bureau account. Staffing keeps these so a school links a staff record only to an account of its own school.
/// </summary>
public sealed record StaffAccountCreated : IntegrationEvent
{
    /// <summary>The account's id: the <c>sub</c> claim of its tokens.</summary>
    public required Guid AccountId { get; init; }
}

/// <summary>
/// A staff account was disabled (by an admin, or because its holder left their school): whatever the account holds
/// outside identity (calendar-feed tokens) must stop working now. <see cref="IntegrationEvent.SchoolId"/> is the
/// account's school when it had one.
/// </summary>
public sealed record StaffAccountDisabled : IntegrationEvent
{
    /// <summary>The account's id: the <c>sub</c> claim of its tokens.</summary>
    public required Guid AccountId { get; init; }
}

/// <summary>A bureau admin registered a partner agency's client (client credentials) for <see cref="AgencyId"/>.</summary>
public sealed record PartnerClientRegistered : IntegrationEvent
{
    public required string ClientId { get; init; }
    /// <summary>The <c>agency</c> claim of the client's tokens: what referrals and joint cases name.</summary>
    public required string AgencyId { get; init; }
    /// <summary>hospital, police, procuratorate, womens-federation, civil-affairs, health-commission, crisis-platform</summary>
    public required string AgencyType { get; init; }
    /// <summary>
    /// The name the bureau registered the client under (e.g. 市精神卫生中心): what a counsellor chooses a referral's
    /// hospital by. An organisation's name, not a person's. Absent from events published before 2.0.
    /// </summary>
    public string? DisplayName { get; init; }
}

/// <summary>A partner client was disabled: it gets no new tokens, and nothing new should be sent to its agency through it.</summary>
public sealed record PartnerClientDisabled : IntegrationEvent
{
    public required string ClientId { get; init; }
    public required string AgencyId { get; init; }
}

/// <summary>A disabled partner client was enabled again.</summary>
public sealed record PartnerClientEnabled : IntegrationEvent
{
    public required string ClientId { get; init; }
    public required string AgencyId { get; init; }
}
