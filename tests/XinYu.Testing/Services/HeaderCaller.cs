using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Testing.Services;

/// <summary>
/// Who a test request is from: the claims XinYu's tokens carry. A staff member has a role, a bureau, maybe a school
/// and classes (and a staff id as subject); a partner client has the <c>partner</c> role, an agency and scopes.
/// </summary>
public sealed record TestCaller(string Role, Guid Bureau, Guid? School = null, IReadOnlyList<Guid>? Classes = null)
{
    public string Subject { get; init; } = "test-" + Guid.NewGuid().ToString("N")[..8];
    public string? Agency { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>A partner agency's system (client credentials) with <paramref name="scopes"/>.</summary>
    public static TestCaller Partner(Guid bureau, string agency, params string[] scopes) =>
        new(XinYuRoles.Partner, bureau) { Agency = agency, Scopes = scopes, Subject = "client-" + agency };

    internal void ApplyTo(HttpRequestHeaders headers)
    {
        headers.Add(HeaderCaller.RoleHeader, Role);
        headers.Add(HeaderCaller.SubjectHeader, Subject);
        headers.Add(HeaderCaller.BureauHeader, Bureau.ToString());
        if (School is not null) headers.Add(HeaderCaller.SchoolHeader, School.ToString());
        foreach (var @class in Classes ?? []) headers.Add(HeaderCaller.ClassHeader, @class.ToString());
        if (Agency is not null) headers.Add(HeaderCaller.AgencyHeader, Agency);
        if (Scopes.Count > 0) headers.Add(HeaderCaller.ScopeHeader, string.Join(' ', Scopes));
    }
}

/// <summary>Signs the request in with the claims taken from headers; no headers, no caller (401).</summary>
public sealed class HeaderCaller(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeaders";
    public const string RoleHeader = "X-Test-Role";
    public const string SubjectHeader = "X-Test-Subject";
    public const string BureauHeader = "X-Test-Bureau";
    public const string SchoolHeader = "X-Test-School";
    public const string ClassHeader = "X-Test-Class";
    public const string AgencyHeader = "X-Test-Agency";
    public const string ScopeHeader = "X-Test-Scope";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(RoleHeader, out var role)) return Task.FromResult(AuthenticateResult.NoResult());
        var subject = Request.Headers.TryGetValue(SubjectHeader, out var s) ? s.ToString() : "test-" + role;
        var claims = new List<Claim> { new(XinYuClaims.Subject, subject), new(XinYuClaims.Role, role.ToString()) };
        void Add(string header, string claim)
        {
            foreach (var value in Request.Headers[header]) if (!string.IsNullOrEmpty(value)) claims.Add(new(claim, value));
        }
        Add(BureauHeader, XinYuClaims.Bureau);
        Add(SchoolHeader, XinYuClaims.School);
        Add(ClassHeader, XinYuClaims.Class);
        Add(AgencyHeader, XinYuClaims.Agency);
        Add(ScopeHeader, XinYuClaims.Scope);
        if (role == XinYuRoles.Partner) claims.Add(new(XinYuClaims.ClientId, subject));
        var identity = new ClaimsIdentity(claims, SchemeName, XinYuClaims.Name, XinYuClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
