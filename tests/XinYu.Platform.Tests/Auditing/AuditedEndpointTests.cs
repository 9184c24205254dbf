using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Auditing;

/// <summary>Signs the caller in with the role named in a test header (the real services use JWTs).</summary>
public sealed class HeaderRoleHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers["X-Test-Role"].ToString() is not { Length: > 0 } role) return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(XinYuClaims.Subject, "caller-" + role), new Claim(XinYuClaims.Role, role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}

public sealed class AuditedEndpointTests
{
    private static readonly Guid Known = Guid.NewGuid();

    private static async Task<(WebApplication App, HttpClient Client, string Database)> StartAsync()
    {
        var trail = await AuditTestTrail.CreateAsync();
        var database = trail.App;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        // The host runs as Production (the default): the trail's chain key is a declared secret, so give it one.
        builder.Configuration[AuditApi.ChainKeySetting] = AuditTestTrail.Options.ChainKey;
        builder.Services.AddDbContext<AuditDbContext>(o => o.UseNpgsql(database));
        builder.Services.AddAuditTrail<AuditDbContext>();
        builder.Services.AddAuthentication("test").AddScheme<AuthenticationSchemeOptions, HeaderRoleHandler>("test", null);
        builder.Services.AddXinYuAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/students/{studentId:guid}/file", (Guid studentId) => studentId == Known ? Results.Ok() : Results.NotFound())
            .RequireAuthorization(XinYuRoles.Counsellor)
            .AuditedAs<AuditDbContext, RouteHandlerBuilder>("student-file");
        await app.StartAsync();
        return (app, app.GetTestClient(), database);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, Guid student, string? role, string? purpose = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/students/{student}/file");
        if (role is not null) request.Headers.Add("X-Test-Role", role);
        if (purpose is not null) request.Headers.Add(AuditedEndpoints.PurposeHeader, purpose);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Reads_and_every_kind_of_refusal_are_audited_with_who_what_and_why()
    {
        var (app, client, database) = await StartAsync();
        await using var _ = app;
        var unknown = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, Known, XinYuRoles.Counsellor, "weekly follow-up"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(client, unknown, XinYuRoles.Counsellor));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(client, Known, XinYuRoles.HeadTeacher));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(client, Known, role: null)); // nobody to attribute it to

        await using var db = new AuditDbContext(new DbContextOptionsBuilder<AuditDbContext>().UseNpgsql(database).Options);
        var entries = await db.Set<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(3, entries.Count);
        Assert.Equal(("read", Known, "caller-counsellor", "weekly follow-up"), (entries[0].Action, entries[0].StudentId!.Value, entries[0].ActorId, entries[0].Purpose));
        Assert.Equal(("denied", unknown, "caller-counsellor"), (entries[1].Action, entries[1].StudentId!.Value, entries[1].ActorId));
        Assert.Equal(("denied", Known, "caller-head-teacher"), (entries[2].Action, entries[2].StudentId!.Value, entries[2].ActorId));
        Assert.All(entries, e => Assert.Equal("student-file", e.ResourceType));
        var verification = await AuditApi.VerifyAsync(db, AuditTestTrail.Options, TimeProvider.System, CancellationToken.None);
        Assert.True(verification.Intact, verification.ToString());
    }
}
