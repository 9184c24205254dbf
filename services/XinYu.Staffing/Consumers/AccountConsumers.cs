using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Consumers;

/// <summary>Remembers which school an account belongs to, for linking staff records to accounts (ids only).</summary>
public sealed class StaffAccountCreatedConsumer(StaffingDbContext db) : LocalCopyConsumer<StaffAccountCreated, StaffingDbContext, KnownAccount>(db)
{
    protected override object[] KeyOf(StaffAccountCreated m) => [m.AccountId];
    protected override void Update(KnownAccount account, StaffAccountCreated m) =>
        (account.AccountId, account.BureauId, account.SchoolId) = (m.AccountId, m.BureauId, m.SchoolId);
}
