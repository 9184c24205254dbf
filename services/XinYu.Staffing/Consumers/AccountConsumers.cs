using MassTransit;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Consumers;

/// <summary>Remembers which school an account belongs to, for linking staff records to accounts (ids only).</summary>
public sealed class StaffAccountCreatedConsumer(StaffingDbContext db) : IdempotentConsumer<StaffAccountCreated, StaffingDbContext>(db)
{
    protected override async Task ApplyAsync(StaffAccountCreated m, ConsumeContext<StaffAccountCreated> context)
    {
        if (await Db.KnownAccounts.FindAsync([m.AccountId], context.CancellationToken) is not null) return;
        Db.KnownAccounts.Add(new KnownAccount { AccountId = m.AccountId, BureauId = m.BureauId, SchoolId = m.SchoolId });
    }
}
