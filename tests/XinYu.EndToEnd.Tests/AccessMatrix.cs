namespace XinYu.EndToEnd.Tests;

/// <summary>
/// One endpoint and who may call it. Callers not listed must be refused (403; 401 without a token).
/// <paramref name="Template"/> is the path as the OpenAPI document shows it ("/api/staffing/schools/{schoolId}");
/// <see cref="Path"/> is what the role test calls, with every route parameter filled with a random id. An allowed
/// caller may then be told 404 (nothing has that id), which is neither 401 nor 403. <paramref name="Body"/> is the
/// role test's deliberately invalid body.
/// The scope test (<see cref="ScopeSeed"/>) fills the route parameters with real objects of school A and school B
/// instead, by parameter name, and sends <see cref="ValidBody"/> where there is one, so that a missing reach check
/// cannot hide behind body validation.
/// </summary>
public sealed record EndpointAccess(string Method, string Template, string[] Allowed, object? Body = null)
{
    public string Path { get; } = System.Text.RegularExpressions.Regex.Replace(Template, @"\{[^}]+\}", _ => Guid.NewGuid().ToString());

    /// <summary>A body the endpoint accepts for the given school's objects (an <see cref="HttpContent"/> is sent as it is).</summary>
    public Func<ScopeSeed, SchoolSeed, object>? ValidBody { get; init; }

    /// <summary>How the objects in the path are reached: by school (the default), by their owner only, or by anyone allowed.</summary>
    public Reach Reach { get; init; } = Reach.School;

    /// <summary>
    /// The object is named in the body, not the path (a student id, a school id): the scope test runs the row with
    /// <see cref="ValidBody"/> for each school, and the other school's object is answered <see cref="ForeignStatus"/>.
    /// </summary>
    public bool BodyScoped { get; init; }

    /// <summary>What the other school's object is answered: 404 as for one that does not exist, unless documented otherwise.</summary>
    public int ForeignStatus { get; init; } = 404;

    /// <summary>A query string the endpoint needs to answer (without '?').</summary>
    public string? Query { get; init; }

    /// <summary>
    /// Allowed roles that a documented row-level rule keeps from the seeded object even in their own scope (a bureau
    /// acknowledges bureau-tier warnings only): they get 404 for it, like for another school's.
    /// </summary>
    public string[] NotReaching { get; init; } = [];

    /// <summary>
    /// The call would use up or end the seeded object (a class closed, an event called off, a student who left): the
    /// scope test sends it last, and for an object the caller reaches it sends the invalid body (nothing changes).
    /// </summary>
    public bool Consumes { get; init; }

    /// <summary>The route parameters of <see cref="Template"/>, by name.</summary>
    public IReadOnlyList<string> Parameters { get; } =
        System.Text.RegularExpressions.Regex.Matches(Template, @"\{([^}:]+)\}").Select(m => m.Groups[1].Value).ToList();

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>How an endpoint's objects are reached (docs/access-matrix.md, "how scope is tested").</summary>
public enum Reach
{
    /// <summary>School staff reach their own school's objects, bureau staff every school's of their bureau; a partner what is addressed to it.</summary>
    School,
    /// <summary>Only the caller's own object (a calendar feed): another user's is 404 whatever the role.</summary>
    Owner,
    /// <summary>Not school data (an instrument, a feed token, another bureau's key): anyone allowed reaches it.</summary>
    Anyone,
}

/// <summary>
/// Every endpoint of the suite with the roles allowed to call it. docs/access-matrix.md is the prose of this table.
/// A test fails when a service publishes an endpoint (in its OpenAPI document) that is not listed here, so every new
/// endpoint joins the matrix. Bodies are deliberately invalid where a call would change state: an allowed caller
/// gets past authorization (a 4xx problem about the body, not 401/403), a refused one never reaches validation.
/// Rows whose path (or body) names an object also run in the scope test, with the seed's objects by parameter name;
/// a row that some allowed role calls with another school's object gives a valid body for it (ValidBody).
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
        new("PUT", "/api/identity/accounts/{accountId}/access", ["bureau-admin", "school-admin"], Invalid)
        {
            ValidBody = (_, _) => new { roles = new[] { "counsellor" }, classIds = Array.Empty<Guid>() },
        },
        new("POST", "/api/identity/accounts/{accountId}/password-reset", ["bureau-admin", "school-admin"]),
        new("POST", "/api/identity/me/password", [.. StaffRoles], Invalid),
        new("POST", "/api/identity/clients", ["bureau-admin"], Invalid),
        new("GET", "/api/identity/clients", ["bureau-admin"]),
        new("POST", "/api/identity/clients/{clientId}/disable", ["bureau-admin"]) { Reach = Reach.Anyone },
        new("POST", "/api/identity/clients/{clientId}/enable", ["bureau-admin"]) { Reach = Reach.Anyone },
        new("POST", "/api/identity/clients/{clientId}/secret", ["bureau-admin"]) { Reach = Reach.Anyone },
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
        new("POST", "/api/staffing/schools/{schoolId}/classes", ["school-admin"], Invalid)
        {
            ValidBody = (_, _) => new { grade = 8, name = "八(1)班", entryYear = 2025 },
        },
        new("GET", "/api/staffing/schools/{schoolId}/classes", [.. SchoolReaders]),
        new("POST", "/api/staffing/schools/{schoolId}/classes/{classId}/close", ["school-admin"]) { Consumes = true },
        new("POST", "/api/staffing/schools/{schoolId}/classes/{classId}/assignments", ["school-admin"], Invalid)
        {
            ValidBody = (_, school) => new { staffId = school.StaffId, kind = "subject-teacher" },
        },
        new("POST", "/api/staffing/schools/{schoolId}/staff", ["school-admin"], Invalid)
        {
            ValidBody = (_, _) => new { displayName = "学科教师", roles = new[] { "subject-teacher" }, hireDate = new DateOnly(2021, 9, 1) },
        },
        new("GET", "/api/staffing/schools/{schoolId}/staff", ["bureau-admin", "bureau-officer", "school-admin"]),
        new("POST", "/api/staffing/schools/{schoolId}/staff/{staffId}/leave", ["school-admin"], Invalid)
        {
            ValidBody = (_, _) => new { leftOn = ScopeSeed.Today }, Consumes = true,
        },
        new("POST", "/api/staffing/schools/{schoolId}/directory", ["school-admin"], Invalid)
        {
            ValidBody = (_, _) => new
            {
                classes = new[] { new { grade = 8, name = "八(9)班", entryYear = 2025 } },
                staff = new[] { new { displayName = "学科教师", roles = new[] { "subject-teacher" }, hireDate = new DateOnly(2021, 9, 1) } },
            },
        },
        new("POST", "/api/staffing/research-staff", ["bureau-admin"], Invalid),
        new("GET", "/api/staffing/research-staff", ["bureau-admin", "bureau-officer"]),
        // Each domain service keeps its rows in its own file: AccessMatrix.<Service>.cs.
        .. Records, .. Screening, .. Liaison, .. Calendar, .. Staffing,
    ];
}
