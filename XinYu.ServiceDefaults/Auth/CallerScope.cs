using System.Security.Claims;

namespace XinYu.ServiceDefaults.Auth;

/// <summary>
/// What the caller may reach, read from the token: their roles, bureau, school and classes. Every service asks the
/// same questions of it, so the answers are decided once, here.
/// </summary>
public sealed record CallerScope(
    string Subject,
    IReadOnlySet<string> Roles,
    Guid? BureauId,
    Guid? SchoolId,
    IReadOnlySet<Guid> ClassIds,
    string? AgencyId,
    IReadOnlySet<string> Scopes)
{
    public static CallerScope From(ClaimsPrincipal user)
    {
        static Guid? Id(string? value) => Guid.TryParse(value, out var id) ? id : null;
        var scopes = user.FindAll(XinYuClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new CallerScope(
            user.FindFirstValue(XinYuClaims.Subject) ?? user.FindFirstValue(XinYuClaims.ClientId) ?? "",
            user.FindAll(XinYuClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            Id(user.FindFirstValue(XinYuClaims.Bureau)),
            Id(user.FindFirstValue(XinYuClaims.School)),
            user.FindAll(XinYuClaims.Class).Select(c => Id(c.Value)).OfType<Guid>().ToHashSet(),
            user.FindFirstValue(XinYuClaims.Agency),
            scopes.ToHashSet(StringComparer.Ordinal));
    }

    public bool IsInRole(string role) => Roles.Contains(role);
    /// <summary>Bureau roles that reach every school of the bureau. Not the auditor: it reads the audit trail, not files.</summary>
    public bool IsBureauStaff => IsInRole(XinYuRoles.BureauAdmin) || IsInRole(XinYuRoles.BureauOfficer);

    /// <summary>A bureau's staff reach every school of their bureau; a school's staff only their own school.</summary>
    public bool CanReachSchool(Guid bureauId, Guid schoolId) =>
        BureauId == bureauId && (IsBureauStaff || SchoolId == schoolId);

    /// <summary>
    /// A staff member of a school is reached as their school is; the bureau's research staff (no school) only by
    /// the bureau's own staff.
    /// </summary>
    public bool CanReachStaff(Guid bureauId, Guid? schoolId) =>
        schoolId is { } school ? CanReachSchool(bureauId, school) : BureauId == bureauId && IsBureauStaff;

    /// <summary>A head teacher or mentor reaches only their own classes; school-wide roles the whole school.</summary>
    public bool CanReachClass(Guid bureauId, Guid schoolId, Guid classId) =>
        CanReachSchool(bureauId, schoolId)
        && (IsBureauStaff || IsInRole(XinYuRoles.SchoolAdmin) || IsInRole(XinYuRoles.Counsellor) || ClassIds.Contains(classId));
}
