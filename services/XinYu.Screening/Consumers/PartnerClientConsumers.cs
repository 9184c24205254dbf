using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Inbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Consumers;

/// <summary>
/// Identity's partner clients, as far as referrals need them: which agency of which bureau has a client, and whether
/// it is disabled. A local copy (XinYu.Messaging.Copies): the latest event of a client wins, whatever queue it came by.
/// </summary>
public abstract class PartnerClientConsumer<T>(ScreeningDbContext db) : LocalCopyConsumer<T, ScreeningDbContext, KnownAgencyClient>(db) where T : IntegrationEvent
{
    protected abstract (string ClientId, string AgencyId, bool Disabled) ClientOf(T message);

    protected sealed override object[] KeyOf(T message) => ClientOf(message) is ({ Length: > 0 } clientId, { Length: > 0 }, _)
        ? [clientId]
        : throw new InvalidMessageException($"{typeof(T).Name} without a client or agency id.");

    protected sealed override void Update(KnownAgencyClient known, T message)
    {
        var (clientId, agencyId, disabled) = ClientOf(message);
        if (known.SourceEvents == 0) (known.ClientId, known.AgencyId, known.BureauId) = (clientId, agencyId, message.BureauId);
        known.DisabledAt = disabled ? message.OccurredAt : null;
        // Only the registration names the agency; a disable or enable arriving first leaves the name to it.
        if (message is PartnerClientRegistered registered)
            (known.DisplayName, known.AgencyType) = (Trimmed(registered.DisplayName, 200), Trimmed(registered.AgencyType, 50));
    }

    private static string? Trimmed(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, max)];
}

public sealed class PartnerClientRegisteredConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientRegistered>(db)
{
    protected override (string ClientId, string AgencyId, bool Disabled) ClientOf(PartnerClientRegistered m) => (m.ClientId, m.AgencyId, false);
}

public sealed class PartnerClientDisabledConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientDisabled>(db)
{
    protected override (string ClientId, string AgencyId, bool Disabled) ClientOf(PartnerClientDisabled m) => (m.ClientId, m.AgencyId, true);
}

public sealed class PartnerClientEnabledConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientEnabled>(db)
{
    protected override (string ClientId, string AgencyId, bool Disabled) ClientOf(PartnerClientEnabled m) => (m.ClientId, m.AgencyId, false);
}
