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
        Describe(known, message);
    }

    /// <summary>What else the event tells of the client; only the registration names the agency.</summary>
    protected virtual void Describe(KnownAgencyClient known, T message) { }
}

public sealed class PartnerClientRegisteredConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientRegistered>(db)
{
    protected override (string ClientId, string AgencyId, bool Disabled) ClientOf(PartnerClientRegistered m) => (m.ClientId, m.AgencyId, false);

    // A disable or enable that arrived first leaves the name and type to this event.
    protected override void Describe(KnownAgencyClient known, PartnerClientRegistered m) =>
        (known.DisplayName, known.AgencyType) = (Trimmed(m.DisplayName, 200), Trimmed(m.AgencyType, 50));

    private static string? Trimmed(string? value, int max) =>
        value?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, max)] : null;
}

public sealed class PartnerClientDisabledConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientDisabled>(db)
{
    protected override (string ClientId, string AgencyId, bool Disabled) ClientOf(PartnerClientDisabled m) => (m.ClientId, m.AgencyId, true);
}

public sealed class PartnerClientEnabledConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientEnabled>(db)
{
    protected override (string ClientId, string AgencyId, bool Disabled) ClientOf(PartnerClientEnabled m) => (m.ClientId, m.AgencyId, false);
}
