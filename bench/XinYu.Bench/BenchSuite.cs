using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using XinYu.Testing.Suite;

namespace XinYu.Bench;

/// <summary>
/// The suite under measurement, started as the AppHost starts it, with a signed-in bureau admin. The gateway's
/// rate limits are lifted for the run: the load generator is one account standing in for a whole city's people.
/// </summary>
public sealed class BenchSuite : RunningSuite
{
    public static readonly Guid Bureau = Guid.Parse("0b0e0000-0000-4000-8000-000000000001");
    private const string AdminEmail = "bench-admin@bureau.example";
    private const string AdminPassword = "Bench-Admin-Passw0rd!";

    public string AdminToken { get; private set; } = "";
    public double StartupSeconds { get; private set; }

    public async Task StartMeasuredAsync()
    {
        var clock = Stopwatch.StartNew();
        await StartAsync(builder =>
        {
            LiftGatewayRateLimits(builder);
            // The bureau's setting that a school-wide notice suffices for screening (issue #3): the generated
            // guardians' consents are not each recorded.
            builder.CreateResourceBuilder<ProjectResource>("screening-api")
                .WithEnvironment("Screening__Consent__SchoolNoticeSuffices", "true");
            // A city's load takes longer than an access token lives (10 min): the bench's signed-in staff stand in
            // for people who sign in as they come, so their tokens outlive the run instead of being refreshed.
            builder.CreateResourceBuilder<ProjectResource>("identity-api")
                .WithEnvironment("Identity__Server__AccessTokenLifetime", "06:00:00");
            // The runtime as the published images run it: the AppHost turns dynamic PGO off for a developer's quick
            // start (XinYu.AppHost/ServiceResources.cs); a city's pods keep it, and steady state is what is measured.
            foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
                builder.CreateResourceBuilder(project).WithEnvironment("DOTNET_TieredPGO", "1");
        });
        StartupSeconds = clock.Elapsed.TotalSeconds;
        var (exit, output) = await OAuthClient.BootstrapAdminAsync(this, AdminEmail, Bureau, AdminPassword);
        if (exit != 0) throw new InvalidOperationException("bootstrap-admin failed: " + output);
        AdminToken = (await OAuthClient.SignInAsync(this, AdminEmail, AdminPassword)).AccessToken;
    }

    /// <summary>A pooled client for load: as many connections as workers, bearer token set.</summary>
    public static HttpClient LoadClient(Uri baseAddress, string token, int connections = 256)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private long _accountCreationTicks, _firstSignInTicks;
    /// <summary>Summed over <see cref="StaffTokenAsync"/> calls: until the account was created (waiting for Identity to know the school included), and the first sign-in.</summary>
    public (double CreationSeconds, double FirstSignInSeconds) AccountTimes =>
        (Interlocked.Read(ref _accountCreationTicks) / (double)Stopwatch.Frequency, Interlocked.Read(ref _firstSignInTicks) / (double)Stopwatch.Frequency);

    public HttpClient AdminClient() => LoadClient(new Uri(Issuer), AdminToken);

    /// <summary>
    /// A signed-in staff member of <paramref name="school"/> with <paramref name="roles"/>: the account is created by the
    /// bureau admin (retrying until identity has learnt the school from the directory's event), then signs in.
    /// </summary>
    public async Task<string> StaffTokenAsync(HttpClient admin, Guid? school, params string[] roles)
    {
        var email = $"{roles[0]}-{Guid.NewGuid():N}@bench.example";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            using var created = await admin.PostAsJsonAsync("/api/identity/accounts", new { email, displayName = roles[0], roles, schoolId = school });
            var body = await created.Content.ReadAsStringAsync();
            if (created.StatusCode == HttpStatusCode.Created)
            {
                var password = JsonDocument.Parse(body).RootElement.GetProperty("temporaryPassword").GetString()!;
                var createdAt = Stopwatch.GetTimestamp();
                Interlocked.Add(ref _accountCreationTicks, createdAt - started);
                var token = (await OAuthClient.FirstSignInAsync(this, email, password)).AccessToken;
                Interlocked.Add(ref _firstSignInTicks, Stopwatch.GetTimestamp() - createdAt);
                return token;
            }
            if (DateTime.UtcNow > deadline || !body.Contains("schoolId", StringComparison.Ordinal))
                throw new InvalidOperationException($"Could not create a {roles[0]} account: {(int)created.StatusCode} {body}");
            await Task.Delay(250);
        }
    }

    /// <summary>A partner agency's client-credentials token with <paramref name="scopes"/>.</summary>
    public async Task<string> PartnerTokenAsync(HttpClient admin, string agencyType, string agencyId, params string[] scopes)
    {
        var clientId = $"bench-{agencyType}-{Guid.NewGuid():N}"[..30];
        using var created = await admin.PostAsJsonAsync("/api/identity/clients", new { clientId, displayName = "Bench " + agencyType, agencyType, agencyId, scopes });
        var body = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Could not create a partner client: {body}");
        var secret = JsonDocument.Parse(body).RootElement.GetProperty("clientSecret").GetString()!;
        using var http = CreateClient();
        return (await OAuthClient.ClientCredentialsAsync(http, clientId, secret, string.Join(' ', scopes))).AccessToken;
    }
}
