using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>Sign-in and tokens through the gateway, as staff and as a partner agency's system.</summary>
[Collection(SuiteCollection.Name)]
public sealed class IdentityFlowTests(SuiteFixture suite)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Guid Bureau = Guid.NewGuid();
    public const string AdminEmail = "admin@bureau.example";
    public const string AdminPassword = "a-long-bootstrap-passphrase";
    private static bool _bootstrapped;

    /// <summary>The bureau admin's tokens, bootstrapping the admin on first use (for other test classes too).</summary>
    public static async Task<OAuthClient.Tokens> AdminTokensAsync(SuiteFixture suite)
    {
        await new IdentityFlowTests(suite).EnsureAdminAsync();
        return await OAuthClient.SignInAsync(suite, AdminEmail, AdminPassword);
    }

    private async Task EnsureAdminAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_bootstrapped) return;
            var (exitCode, output) = await OAuthClient.BootstrapAdminAsync(suite, AdminEmail, Bureau, AdminPassword);
            Assert.True(exitCode == 0, output);
            _bootstrapped = true;
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task Discovery_names_the_gateway_as_issuer_and_its_endpoints()
    {
        using var http = suite.CreateClient();
        var discovery = JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        Assert.Equal(suite.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(suite.Issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        var keys = JsonDocument.Parse(await http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString())).RootElement;
        Assert.NotEmpty(keys.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task The_bootstrap_command_runs_once_only()
    {
        await EnsureAdminAsync();
        var (exitCode, output) = await OAuthClient.BootstrapAdminAsync(suite, "second@bureau.example", Bureau, AdminPassword);
        Assert.Equal(1, exitCode);
        Assert.Contains("exists already", output);
    }

    [Fact]
    public async Task Staff_sign_in_with_PKCE_yields_tokens_carrying_role_and_bureau_and_a_refresh_renews_them()
    {
        await EnsureAdminAsync();
        var tokens = await OAuthClient.SignInAsync(suite, AdminEmail, AdminPassword);

        var claims = OAuthClient.Claims(tokens.AccessToken);
        Assert.Equal(suite.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal("bureau-admin", claims.GetProperty("role").GetString());
        Assert.Equal(Bureau.ToString(), claims.GetProperty("bureau").GetString());
        Assert.NotNull(tokens.RefreshToken);

        using var http = suite.CreateClient();
        var renewed = await OAuthClient.RefreshAsync(http, tokens.RefreshToken!);
        Assert.Equal(claims.GetProperty("sub").GetString(), OAuthClient.Claims(renewed.AccessToken).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task A_partner_client_created_by_the_admin_gets_a_token_by_client_credentials_that_services_accept()
    {
        await EnsureAdminAsync();
        var admin = await OAuthClient.SignInAsync(suite, AdminEmail, AdminPassword);
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);

        var clientId = "hospital-" + Guid.NewGuid().ToString("N")[..6];
        using var created = await http.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId, displayName = "Psychiatric hospital", agencyType = "hospital", agencyId = "hosp-7", scopes = new[] { "xinyu.referrals" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("clientSecret").GetString()!;

        using var partnerHttp = suite.CreateClient();
        var partner = await OAuthClient.ClientCredentialsAsync(partnerHttp, clientId, secret, "xinyu.referrals");
        var claims = OAuthClient.Claims(partner.AccessToken);
        Assert.Equal("partner", claims.GetProperty("role").GetString());
        Assert.Equal("hosp-7", claims.GetProperty("agency").GetString());
        Assert.Equal(Bureau.ToString(), claims.GetProperty("bureau").GetString());

        // Past the gateway and accepted by a service (which fetched the keys inside the cluster): 404, not 401.
        partnerHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partner.AccessToken);
        using var atService = await partnerHttp.GetAsync("/api/records/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, atService.StatusCode);

        // A partner is no admin.
        using var denied = await partnerHttp.PostAsJsonAsync("/api/identity/clients", new { clientId = "x-y-z" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        // A scope it was not given is refused.
        using var tooMuch = await partnerHttp.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "xinyu.crisis-export",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
    }

    [Fact]
    public async Task Bad_admin_input_is_refused_with_problem_details_naming_the_field()
    {
        await EnsureAdminAsync();
        var admin = await OAuthClient.SignInAsync(suite, AdminEmail, AdminPassword);
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);

        using var response = await http.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId = "police-1", displayName = "Police", agencyType = "bakery", agencyId = "p1", scopes = new[] { "xinyu.joint-cases" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("agencyType", out _));
    }

    [Fact]
    public async Task A_school_account_needs_a_school_the_directory_announced_to_identity()
    {
        var admin = await AdminTokensAsync(suite);
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);

        using var unknown = await http.PostAsJsonAsync("/api/identity/accounts", new
        {
            email = $"nobody-{Guid.NewGuid():N}@school.example", displayName = "X", roles = new[] { "counsellor" }, schoolId = Guid.NewGuid(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True(JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("schoolId", out _));

        // Staffing registers the school; its event crosses the outbox, RabbitMQ and identity's inbox.
        var school = await DirectoryClient.CreateSchoolAsync(http);
        using var known = await DirectoryClient.CreateAccountAsync(http, new
        {
            email = $"counsellor-{Guid.NewGuid():N}@school.example", displayName = "Y", roles = new[] { "counsellor" }, schoolId = school,
        });
        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_pause_sign_in_for_the_account_through_the_gateway()
    {
        await EnsureAdminAsync();
        var admin = await OAuthClient.SignInAsync(suite, AdminEmail, AdminPassword);
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        var email = $"counsellor-{Guid.NewGuid():N}@school.example";
        var school = await DirectoryClient.CreateSchoolAsync(http);
        using var created = await DirectoryClient.CreateAccountAsync(http, new
        {
            email, displayName = "Counsellor", roles = new[] { "counsellor" }, schoolId = school,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The free failures (Identity:SignInThrottle:FreeFailures, default 3) are told apart from a pause; after them
        // sign-in pauses with a doubling back-off (its timing is Identity's in-process tests' business).
        for (var i = 0; i < 3; i++)
        {
            var refused = await Assert.ThrowsAsync<SignInRefusedException>(() => OAuthClient.SignInAsync(suite, email, "wrong-password-" + i));
            Assert.Contains("wrong", refused.Message);
        }
        var paused = false;
        for (var i = 0; i < 8 && !paused; i++)
        {
            paused = (await Assert.ThrowsAsync<SignInRefusedException>(() => OAuthClient.SignInAsync(suite, email, "wrong-again-" + i))).Message.Contains("paused", StringComparison.Ordinal);
        }
        Assert.True(paused, "sign-in never paused");
    }
}
