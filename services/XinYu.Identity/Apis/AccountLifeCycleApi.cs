using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Identity.Accounts;
using XinYu.Identity.Data;
using XinYu.Identity.Server;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Identity.Apis;

public sealed record ChangeAccessRequest(string[]? Roles, Guid[]? ClassIds);
public sealed record PasswordReset(Guid Id, string TemporaryPassword);
public sealed record ChangeOwnPasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// An account's life after it was created: disable and enable, roles and classes, password reset (a bureau admin in
/// their bureau, a school admin in their school; anything else answers 404), and a user's own password change.
/// </summary>
public static class AccountLifeCycleApi
{
    public static RouteGroupBuilder MapAccountLifeCycleApi(this RouteGroupBuilder api)
    {
        api.MapPost("/accounts/{accountId:guid}/disable", DisableAsync).RequireRoles(AccountRules.Managers);
        api.MapPost("/accounts/{accountId:guid}/enable", EnableAsync).RequireRoles(AccountRules.Managers);
        api.MapPut("/accounts/{accountId:guid}/access", ChangeAccessAsync).RequireRoles(AccountRules.Managers);
        api.MapPost("/accounts/{accountId:guid}/password-reset", ResetPasswordAsync).RequireRoles(AccountRules.Managers);
        api.MapPost("/me/password", ChangeOwnPasswordAsync).RequireRoles([.. XinYuRoles.Staff]);
        return api;
    }

    private static async Task<StaffAccount?> ManagedAsync(HttpContext http, AccountsDbContext db, Guid accountId)
    {
        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == accountId, http.RequestAborted);
        return account is not null && AccountRules.CanManage(CallerScope.From(http.User), account) ? account : null;
    }

    private static bool IsSelf(HttpContext http, StaffAccount account) => CallerScope.From(http.User).Subject == account.Id.ToString();

    private static async Task<Results<NoContent, NotFound>> DisableAsync(Guid accountId, HttpContext http, AccountsDbContext db, AccountLifeCycle lifeCycle)
    {
        if (await ManagedAsync(http, db, accountId) is not { } account) return TypedResults.NotFound();
        // Else the last admin of a bureau could lock everyone out of the admin API; another admin disables an admin.
        if (IsSelf(http, account)) throw new RequestRejectedException("accountId", "You cannot disable your own account.");
        await lifeCycle.DisableAsync(account, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> EnableAsync(Guid accountId, HttpContext http, AccountsDbContext db, UserManager<StaffAccount> accounts)
    {
        if (await ManagedAsync(http, db, accountId) is not { } account) return TypedResults.NotFound();
        if (account.DisabledAt is not null)
        {
            // Staffing took the school away (the holder left it): a school role with no school would reach nothing.
            if (account.SchoolId is null && account.Roles.Any(AccountRules.SchoolRoles.Contains))
                throw new RequestRejectedException("accountId", "The account has school roles but no school: give it bureau roles first, or create a new account.", StatusCodes.Status409Conflict);
            account.DisabledAt = null;
            await accounts.ResetAccessFailedCountAsync(account);
            await db.SaveChangesAsync(http.RequestAborted);
        }
        return TypedResults.NoContent();
    }

    /// <summary>Roles (no more than the admin's own) and classes (open classes of the account's school). Refresh tokens carry the change at the next refresh.</summary>
    private static async Task<Results<Ok<AccountSummary>, NotFound>> ChangeAccessAsync(Guid accountId, ChangeAccessRequest request, HttpContext http,
        AccountsDbContext db, AccountLifeCycle lifeCycle)
    {
        if (await ManagedAsync(http, db, accountId) is not { } account) return TypedResults.NotFound();
        var caller = CallerScope.From(http.User);
        var roles = AccountRules.RolesToGrant(caller, request.Roles, account.SchoolId);
        if (IsSelf(http, account) && !roles.ToHashSet().SetEquals(account.Roles))
            throw new RequestRejectedException("roles", "You cannot change your own roles; another admin can.");
        account.Roles = roles;
        account.ClassIds = await lifeCycle.ClassesOfSchoolAsync(account.SchoolId, request.ClassIds, http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new AccountSummary(account.Id, account.Email!, account.DisplayName, [.. account.Roles], account.SchoolId,
            [.. account.ClassIds], account.LockoutEnd > DateTimeOffset.UtcNow, account.DisabledAt is not null, account.MustChangePassword));
    }

    /// <summary>
    /// A new temporary password, shown once to the admin: the holder must replace it at their next sign-in, so the admin
    /// cannot use it themselves. The account's refresh tokens are revoked.
    /// </summary>
    private static async Task<Results<Ok<PasswordReset>, NotFound>> ResetPasswordAsync(Guid accountId, HttpContext http, AccountsDbContext db,
        UserManager<StaffAccount> accounts, AccountLifeCycle lifeCycle, IOptions<IdentityServerSettings> settings)
    {
        if (await ManagedAsync(http, db, accountId) is not { } account) return TypedResults.NotFound();
        if (IsSelf(http, account)) throw new RequestRejectedException("accountId", "Change your own password with POST /api/identity/me/password.");
        var temporary = AccountRules.TemporaryPassword(settings.Value.MinimumPasswordLength);
        account.PasswordHash = accounts.PasswordHasher.HashPassword(account, temporary);
        account.MustChangePassword = true;
        await accounts.UpdateSecurityStampAsync(account); // saves, and ends sign-in cookies made with the old password
        await accounts.ResetAccessFailedCountAsync(account);
        await lifeCycle.RevokeTokensAsync(account, http.RequestAborted);
        return TypedResults.Ok(new PasswordReset(account.Id, temporary));
    }

    private static async Task<NoContent> ChangeOwnPasswordAsync(ChangeOwnPasswordRequest request, HttpContext http, UserManager<StaffAccount> accounts)
    {
        var account = await accounts.FindByIdAsync(CallerScope.From(http.User).Subject)
            ?? throw new RequestRejectedException("account", "The token's account no longer exists.", StatusCodes.Status403Forbidden);
        await PasswordChange.ApplyAsync(accounts, account, request.CurrentPassword, request.NewPassword);
        return TypedResults.NoContent();
    }
}
