namespace XinYu.Screening.Domain;

/// <summary>
/// A partner client as Identity announced it (PartnerClientRegistered / Disabled / Enabled): referrals may only go
/// to an agency of the bureau that has a client able to fetch them.
/// </summary>
public sealed class KnownAgencyClient
{
    public required string ClientId { get; set; }
    public required string AgencyId { get; set; }
    public Guid BureauId { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>When Identity's latest applied event happened: an older one arriving late changes nothing.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
