using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using XinYu.Contracts;
using XinYu.Identity.Data;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Identity.Accounts;

/// <summary>
/// Disabling an account and taking back what it holds. Refresh tokens and authorizations are revoked in identitydb at
/// once; calendar-feed tokens live in Calendar, which learns of it from <see cref="StaffAccountDisabled"/> (outbox, same
/// transaction as the change). Access tokens already issued are plain JWTs that services validate offline: they stop
/// working when they expire (Identity:Server:AccessTokenLifetime plus the services' clock skew; docs/operations.md).
/// </summary>
public sealed class AccountLifeCycle(AccountsDbContext db, IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens, TimeProvider clock)
{
    public static string AggregateKey(Guid accountId) => $"account:{accountId}";

    /// <summary>Disables the account (idempotent), saves, and revokes its tokens.</summary>
    public async Task DisableAsync(StaffAccount account, CancellationToken ct)
    {
        MarkDisabled(account);
        await db.SaveChangesAsync(ct);
        await RevokeTokensAsync(account, ct);
    }

    /// <summary>Marks the account disabled and queues <see cref="StaffAccountDisabled"/>; the caller saves (and revokes).</summary>
    public void MarkDisabled(StaffAccount account)
    {
        if (account.DisabledAt is not null) return;
        account.DisabledAt = clock.GetUtcNow();
        db.Publish(new StaffAccountDisabled { BureauId = account.BureauId, SchoolId = account.SchoolId, AccountId = account.Id },
            AggregateKey(account.Id));
    }

    /// <summary>
    /// Every refresh token and authorization of the account, now. (The token endpoint also re-reads the account on each
    /// refresh, so a revocation that failed half-way still leaves a disabled account without new tokens.)
    /// </summary>
    public async Task RevokeTokensAsync(StaffAccount account, CancellationToken ct)
    {
        var subject = account.Id.ToString();
        await authorizations.RevokeBySubjectAsync(subject, ct);
        await tokens.RevokeBySubjectAsync(subject, ct);
    }

    /// <summary>The classes must be open classes of the account's school, as the directory announced them.</summary>
    public async Task<List<Guid>> ClassesOfSchoolAsync(Guid? schoolId, Guid[]? classIds, CancellationToken ct)
    {
        var wanted = (classIds ?? []).Distinct().ToList();
        if (wanted.Count == 0) return wanted;
        if (schoolId is null) throw new RequestRejectedException("classIds", "Only a school account has classes.");
        var open = await db.KnownClasses.Where(c => wanted.Contains(c.ClassId) && c.SchoolId == schoolId && c.ClosedAt == null)
            .CountAsync(ct);
        if (open != wanted.Count)
            throw new RequestRejectedException("classIds",
                "Each class must be an open class of the account's school (a class opened a moment ago may take a second to arrive).");
        return wanted;
    }
}
