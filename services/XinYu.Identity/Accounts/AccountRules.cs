using System.Security.Cryptography;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Identity.Accounts;

/// <summary>Who may manage which account, and which roles they may hand out. One place, so every endpoint agrees.</summary>
public static class AccountRules
{
    /// <summary>Roles that belong to a school (the account needs a school).</summary>
    public static readonly IReadOnlySet<string> SchoolRoles = new HashSet<string>(StringComparer.Ordinal)
        { XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher, XinYuRoles.Mentor };

    /// <summary>Admins who manage accounts: a bureau admin (their bureau) or a school admin (their school).</summary>
    public static readonly string[] Managers = [XinYuRoles.BureauAdmin, XinYuRoles.SchoolAdmin];

    /// <summary>
    /// An admin hands out no more than they hold: a bureau admin any staff role, a school admin only school roles
    /// (a school admin cannot make a bureau admin, officer or auditor).
    /// </summary>
    public static IReadOnlySet<string> GrantableBy(CallerScope caller) =>
        caller.IsInRole(XinYuRoles.BureauAdmin) ? XinYuRoles.Staff.ToHashSet(StringComparer.Ordinal)
        : caller.IsInRole(XinYuRoles.SchoolAdmin) ? SchoolRoles
        : new HashSet<string>();

    /// <summary>
    /// The account is within the caller's reach: their bureau for a bureau admin; for a school admin, an account of
    /// their own school holding nothing they could not grant. Anything else is answered as missing (404).
    /// </summary>
    public static bool CanManage(CallerScope caller, StaffAccount account)
    {
        if (caller.BureauId != account.BureauId) return false;
        if (caller.IsInRole(XinYuRoles.BureauAdmin)) return true;
        return caller.IsInRole(XinYuRoles.SchoolAdmin) && caller.SchoolId is { } school && account.SchoolId == school
            && account.Roles.All(SchoolRoles.Contains);
    }

    /// <summary>The roles of a request: at least one, each grantable by the caller; school roles need the account's school.</summary>
    public static List<string> RolesToGrant(CallerScope caller, string[]? roles, Guid? schoolId)
    {
        var grantable = GrantableBy(caller);
        if (roles is not { Length: > 0 } || roles.Any(r => !grantable.Contains(r)))
            throw new RequestRejectedException("roles", $"Give at least one role from: {string.Join(", ", XinYuRoles.Staff.Where(grantable.Contains))}.");
        if (roles.Any(SchoolRoles.Contains) && schoolId is null)
            throw new RequestRejectedException("schoolId", "School roles need the school the account belongs to.");
        return [.. roles.Distinct()];
    }

    /// <summary>
    /// A password handed over out of band (account created, password reset): random, at least the bureau's minimum
    /// length, and good for one sign-in only, at which its holder must choose their own.
    /// </summary>
    public static string TemporaryPassword(int minimumLength) =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", Math.Max(16, minimumLength));
}
