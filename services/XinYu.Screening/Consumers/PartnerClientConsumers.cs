using MassTransit;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Consumers;

/// <summary>
/// Identity's partner clients, as far as referrals need them: which agency of which bureau has a client, and whether
/// it is disabled. Identity publishes a client's events in order (one aggregate key); OccurredAt guards a late one.
/// </summary>
public abstract class PartnerClientConsumer<T>(ScreeningDbContext db) : IdempotentConsumer<T, ScreeningDbContext>(db) where T : IntegrationEvent
{
    protected async Task ApplyAsync(T message, string clientId, string agencyId, bool disabled, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(agencyId)) throw new InvalidMessageException($"{typeof(T).Name} without a client or agency id.");
        var known = await Db.AgencyClients.FindAsync([clientId], ct);
        if (known is null)
        {
            known = new KnownAgencyClient { ClientId = clientId, AgencyId = agencyId, BureauId = message.BureauId };
            Db.AgencyClients.Add(known);
        }
        else if (known.ChangedAt > message.OccurredAt)
        {
            return;
        }
        known.DisabledAt = disabled ? message.OccurredAt : null;
        known.ChangedAt = message.OccurredAt;
    }
}

public sealed class PartnerClientRegisteredConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientRegistered>(db)
{
    protected override Task ApplyAsync(PartnerClientRegistered message, ConsumeContext<PartnerClientRegistered> context) =>
        ApplyAsync(message, message.ClientId, message.AgencyId, disabled: false, context.CancellationToken);
}

public sealed class PartnerClientDisabledConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientDisabled>(db)
{
    protected override Task ApplyAsync(PartnerClientDisabled message, ConsumeContext<PartnerClientDisabled> context) =>
        ApplyAsync(message, message.ClientId, message.AgencyId, disabled: true, context.CancellationToken);
}

public sealed class PartnerClientEnabledConsumer(ScreeningDbContext db) : PartnerClientConsumer<PartnerClientEnabled>(db)
{
    protected override Task ApplyAsync(PartnerClientEnabled message, ConsumeContext<PartnerClientEnabled> context) =>
        ApplyAsync(message, message.ClientId, message.AgencyId, disabled: false, context.CancellationToken);
}
