using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XinYu.ServiceDefaults.Auth;
using XinYu.Staffing.Data;
using XinYu.Testing;

namespace XinYu.Staffing.Tests.Api;

/// <summary>
/// The real staffing service (its Program, migrations, outbox relay) on a fresh database of the test servers, with
/// the test servers' Redis and RabbitMQ. Only sign-in is replaced: a caller's roles, bureau and school come from
/// request headers instead of a JWT, because token issuance is Identity's business and is covered end to end.
/// The service's own authorization policies and scope checks run unchanged.
/// </summary>
public sealed class StaffingApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _database = "";
    private string _cache = "";
    private string _messaging = "";

    public async Task InitializeAsync()
    {
        _database = await TestServers.CreateDatabaseAsync("staffing");
        _cache = await TestServers.ConnectionStringAsync("cache");
        _messaging = await TestServers.ConnectionStringAsync("messaging");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: Program reads the connection strings while building.
        builder.UseSetting("ConnectionStrings:staffingdb", _database);
        builder.UseSetting("ConnectionStrings:cache", _cache);
        builder.UseSetting("ConnectionStrings:messaging", _messaging);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services
            .AddAuthentication(HeaderCaller.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderCaller>(HeaderCaller.SchemeName, _ => { }));
    }

    /// <summary>A client signed in with <paramref name="role"/> in <paramref name="bureau"/> (and <paramref name="school"/>).</summary>
    public HttpClient As(string role, Guid bureau, Guid? school = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(HeaderCaller.RoleHeader, role);
        client.DefaultRequestHeaders.Add(HeaderCaller.BureauHeader, bureau.ToString());
        if (school is not null) client.DefaultRequestHeaders.Add(HeaderCaller.SchoolHeader, school.ToString());
        return client;
    }

    /// <summary>Runs <paramref name="query"/> against the service's database, as a separate reader would.</summary>
    public async Task<T> QueryAsync<T>(Func<StaffingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StaffingDbContext>());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>Signs the request in with the claims XinYu's tokens carry, taken from headers; no headers, no caller (401).</summary>
internal sealed class HeaderCaller(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeaders";
    public const string RoleHeader = "X-Test-Role";
    public const string BureauHeader = "X-Test-Bureau";
    public const string SchoolHeader = "X-Test-School";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(RoleHeader, out var role)) return Task.FromResult(AuthenticateResult.NoResult());
        var claims = new List<Claim> { new(XinYuClaims.Subject, "test-" + role), new(XinYuClaims.Role, role.ToString()) };
        if (Request.Headers.TryGetValue(BureauHeader, out var bureau)) claims.Add(new(XinYuClaims.Bureau, bureau.ToString()));
        if (Request.Headers.TryGetValue(SchoolHeader, out var school)) claims.Add(new(XinYuClaims.School, school.ToString()));
        var identity = new ClaimsIdentity(claims, SchemeName, XinYuClaims.Name, XinYuClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
