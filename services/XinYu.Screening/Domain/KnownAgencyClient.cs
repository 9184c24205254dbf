using XinYu.Messaging.Copies;

namespace XinYu.Screening.Domain;

/// <summary>
/// A partner client as Identity announced it (PartnerClientRegistered / Disabled / Enabled): referrals may only go
/// to an agency of the bureau that has a client able to fetch them.
/// </summary>
public sealed class KnownAgencyClient : LocalCopy
{
    public string ClientId { get; set; } = "";
    public string AgencyId { get; set; } = "";
    public Guid BureauId { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>As registered (PartnerClientRegistered): what the referral form shows. Null for clients registered before 2.0.</summary>
    public string? DisplayName { get; set; }
    public string? AgencyType { get; set; }
}
