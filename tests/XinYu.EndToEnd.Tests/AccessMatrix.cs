namespace XinYu.EndToEnd.Tests;

/// <summary>One endpoint and who may call it. Callers not listed must be refused (403; 401 without a token).</summary>
public sealed record EndpointAccess(string Method, string Path, string[] Allowed, object? Body = null)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Every endpoint of the suite with the roles allowed to call it. docs/access-matrix.md is the prose of this table.
/// A test fails when a service publishes an endpoint (in its OpenAPI document) that is not listed here, so every new
/// endpoint joins the matrix. Bodies are deliberately invalid where a call would change state: an allowed caller
/// gets past authorization (a 4xx problem about the body, not 401/403), a refused one never reaches validation.
/// </summary>
public static class AccessMatrix
{
    public const string Anonymous = "(no token)";
    public const string Partner = "partner";
    public static readonly string[] StaffRoles =
        ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher", "mentor", "auditor"];
    public static readonly string[] Callers = [Anonymous, .. StaffRoles, Partner];

    private static readonly object Invalid = new { };

    public static readonly EndpointAccess[] Endpoints =
    [
        // Identity: the bureau admin's API.
        new("GET", "/api/identity/accounts", ["bureau-admin"]),
        new("POST", "/api/identity/accounts", ["bureau-admin"], Invalid),
        new("POST", "/api/identity/clients", ["bureau-admin"], Invalid),
        new("POST", "/api/identity/signing-keys/rotate", ["bureau-admin"]),
        // The audit trail of each service that keeps students' data: auditors only.
        .. new[] { "records", "screening", "liaison" }.SelectMany(service => new EndpointAccess[]
        {
            new("GET", $"/api/{service}/audit", ["auditor"]),
            new("GET", $"/api/{service}/audit/verify", ["auditor"]),
        }),
    ];
}
