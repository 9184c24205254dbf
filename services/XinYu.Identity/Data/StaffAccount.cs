using Microsoft.AspNetCore.Identity;

namespace XinYu.Identity.Data;

/// <summary>A staff member's sign-in: who they are in XinYu (roles) and where (bureau, school, classes).</summary>
public sealed class StaffAccount : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>Null for bureau staff.</summary>
    public Guid? SchoolId { get; set; }
    /// <summary>Classes they head, teach or mentor in (from the directory).</summary>
    public List<Guid> ClassIds { get; set; } = [];
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set by an admin (or when the holder left their school): no sign-in, no token, no refresh.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>
    /// The password was set by someone else (an admin's create or reset): the holder must choose their own before any
    /// token is issued, so the admin who knows the temporary one cannot use it.
    /// </summary>
    public bool MustChangePassword { get; set; }
}
