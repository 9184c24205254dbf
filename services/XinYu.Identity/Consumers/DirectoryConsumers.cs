using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Identity.Accounts;
using XinYu.Identity.Data;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Inbox;

namespace XinYu.Identity.Consumers;

/// <summary>Learns the directory's classes, so an account's classes are real, open classes of its school.</summary>
public sealed class ClassOpenedConsumer(AccountsDbContext db) : ClassOpenedCopyConsumer<AccountsDbContext, KnownClass>(db)
{
    protected override void Update(KnownClass known, ClassOpened m)
    {
        base.Update(known, m);
        known.ClosedAt = null;
    }
}

/// <summary>A closed class can no longer be given to an account (accounts that hold it keep it until an admin changes them).</summary>
public sealed class ClassClosedConsumer(AccountsDbContext db) : LocalCopyConsumer<ClassClosed, AccountsDbContext, KnownClass>(db)
{
    protected override object[] KeyOf(ClassClosed m) => [m.ClassId];
    protected override bool CreatesCopy => false;
    protected override void Update(KnownClass known, ClassClosed m) => known.ClosedAt = m.OccurredAt;
}

/// <summary>
/// The holder of a linked account left its school: the account loses that school and the school's classes. An account
/// holds one school, so it is then left with none, and a school role without a school reaches nothing: it is disabled
/// (tokens revoked, Calendar told). Its roles stay visible to the bureau admin, who may give it bureau roles and enable
/// it again; a school role cannot come back without a school (a new school means a new account).
/// </summary>
public sealed class StaffLeftSchoolConsumer(AccountsDbContext db, AccountLifeCycle lifeCycle) : IdempotentConsumer<StaffLeftSchool, AccountsDbContext>(db)
{
    protected override async Task ApplyAsync(StaffLeftSchool message, ConsumeContext<StaffLeftSchool> context)
    {
        if (!Guid.TryParse(message.AccountSubject, out var accountId) || message.SchoolId is not { } schoolId) return;
        var account = await Db.Users.SingleOrDefaultAsync(a => a.Id == accountId && a.BureauId == message.BureauId, context.CancellationToken);
        if (account is null || account.SchoolId != schoolId) return;
        var classesOfSchool = await Db.KnownClasses.Where(c => c.SchoolId == schoolId).Select(c => c.ClassId).ToListAsync(context.CancellationToken);
        account.SchoolId = null;
        account.ClassIds = [.. account.ClassIds.Where(c => !classesOfSchool.Contains(c))];
        // Disable whatever remains: the admin decides whether the person keeps a bureau role elsewhere. The revocation
        // runs in the inbox's transaction, so it commits with the change.
        lifeCycle.MarkDisabled(account);
        await lifeCycle.RevokeTokensAsync(account, context.CancellationToken);
    }
}
