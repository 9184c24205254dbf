namespace XinYu.EndToEnd.Tests;

/// <summary>
/// One endpoint and who may call it. Callers not listed must be refused (403; 401 without a token).
/// <paramref name="Template"/> is the path as the OpenAPI document shows it ("/api/staffing/schools/{schoolId}");
/// <see cref="Path"/> is what the test calls, with every route parameter filled with a random id. An allowed caller
/// may then be told 404 (nothing has that id), which is neither 401 nor 403.
/// </summary>
public sealed record EndpointAccess(string Method, string Template, string[] Allowed, object? Body = null)
{
    public string Path { get; } = System.Text.RegularExpressions.Regex.Replace(Template, @"\{[^}]+\}", _ => Guid.NewGuid().ToString());

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// Every endpoint of the suite with the roles allowed to call it. docs/access-matrix.md is the prose of this table.
/// A test fails when a service publishes an endpoint (in its OpenAPI document) that is not listed here, so every new
/// endpoint joins the matrix. Bodies are deliberately invalid where a call would change state: an allowed caller
/// gets past authorization (a 4xx problem about the body, not 401/403), a refused one never reaches validation.
/// </summary>
public static partial class AccessMatrix
{
    public const string Anonymous = "(no token)";
    public const string Partner = "partner";
    public static readonly string[] StaffRoles =
        ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher", "mentor", "auditor"];
    public static readonly string[] Callers = [Anonymous, .. StaffRoles, Partner];

    /// <summary>A body no endpoint accepts: an allowed caller gets a 4xx problem about it, never a change.</summary>
    private static readonly object Invalid = new { };

    /// <summary>Bureau staff (their bureau's schools) and a school's own staff (their school).</summary>
    internal static readonly string[] SchoolReaders =
        ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher", "mentor"];

    public static readonly EndpointAccess[] Endpoints =
    [
        // Identity: the bureau admin's API.
        new("GET", "/api/identity/accounts", ["bureau-admin", "school-admin"]),
        new("POST", "/api/identity/accounts", ["bureau-admin"], Invalid),
        new("POST", "/api/identity/accounts/{accountId}/disable", ["bureau-admin", "school-admin"]),
        new("POST", "/api/identity/accounts/{accountId}/enable", ["bureau-admin", "school-admin"]),
        new("PUT", "/api/identity/accounts/{accountId}/access", ["bureau-admin", "school-admin"], Invalid),
        new("POST", "/api/identity/accounts/{accountId}/password-reset", ["bureau-admin", "school-admin"]),
        new("POST", "/api/identity/me/password", [.. StaffRoles], Invalid),
        new("POST", "/api/identity/clients", ["bureau-admin"], Invalid),
        new("GET", "/api/identity/clients", ["bureau-admin"]),
        new("POST", "/api/identity/clients/{clientId}/disable", ["bureau-admin"]),
        new("POST", "/api/identity/clients/{clientId}/enable", ["bureau-admin"]),
        new("POST", "/api/identity/clients/{clientId}/secret", ["bureau-admin"]),
        new("POST", "/api/identity/signing-keys/rotate", ["bureau-admin"]),
        // The audit trail of each service that keeps students' data: auditors only.
        .. new[] { "records", "screening", "liaison" }.SelectMany(service => new EndpointAccess[]
        {
            new("GET", $"/api/{service}/audit", ["auditor"]),
            new("GET", $"/api/{service}/audit/verify", ["auditor"]),
        }),
        // Staffing's directory: the bureau admin runs its schools; a school admin its classes, staff and assignments;
        // bureau staff read their bureau's schools; a school's staff read their own school and its classes.
        new("POST", "/api/staffing/schools", ["bureau-admin"], Invalid),
        new("GET", "/api/staffing/schools", ["bureau-admin", "bureau-officer"]),
        new("GET", "/api/staffing/schools/{schoolId}", [.. SchoolReaders]),
        new("PUT", "/api/staffing/schools/{schoolId}", ["bureau-admin"], Invalid),
        new("POST", "/api/staffing/schools/{schoolId}/classes", ["school-admin"], Invalid),
        new("GET", "/api/staffing/schools/{schoolId}/classes", [.. SchoolReaders]),
        new("POST", "/api/staffing/schools/{schoolId}/classes/{classId}/close", ["school-admin"]),
        new("POST", "/api/staffing/schools/{schoolId}/classes/{classId}/assignments", ["school-admin"], Invalid),
        new("POST", "/api/staffing/schools/{schoolId}/staff", ["school-admin"], Invalid),
        new("GET", "/api/staffing/schools/{schoolId}/staff", ["bureau-admin", "bureau-officer", "school-admin"]),
        new("POST", "/api/staffing/schools/{schoolId}/staff/{staffId}/leave", ["school-admin"], Invalid),
        new("POST", "/api/staffing/research-staff", ["bureau-admin"], Invalid),
        new("GET", "/api/staffing/research-staff", ["bureau-admin", "bureau-officer"]),
        // Each domain service keeps its rows in its own file: AccessMatrix.<Service>.cs.
        .. Records, .. Screening, .. Liaison, .. Calendar, .. Staffing,
    ];
}
