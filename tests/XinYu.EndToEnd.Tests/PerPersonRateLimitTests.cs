using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using XinYu.Gateway;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The gateway's per-person limits with real tokens from XinYu.Identity. The suite's own gateway runs with its limits
/// lifted (<see cref="SuiteFixture"/>), so this test runs a second gateway of the same code with small limits, in
/// front of the running suite's Identity (its keys validate the tokens) and Records.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class PerPersonRateLimitTests(SuiteFixture suite)
{
    private const int Burst = 20;

    [Fact]
    public async Task One_persons_flood_leaves_another_persons_requests_untouched_and_the_flooder_gets_429_with_retry_after()
    {
        var admin = await IdentityFlowTests.AdminTokensAsync(suite);
        using var bureau = EnrolledStudent.Bearer(suite, admin.AccessToken);
        var school = await DirectoryClient.CreateSchoolAsync(bureau);
        var counsellor = await EnrolledStudent.StaffTokenAsync(suite, bureau, school, "counsellor");
        // Both signed in through the same web-app client: the partition the gateway used to share between them.
        Assert.Equal(OAuthClient.Claims(admin.AccessToken).GetProperty("client_id").GetString(),
            OAuthClient.Claims(counsellor).GetProperty("client_id").GetString());

        var cache = await suite.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:identity-api:http:0", suite.App.GetEndpoint("identity-api", "http").ToString());
            host.UseSetting("services:records-api:http:0", suite.App.GetEndpoint("records-api", "http").ToString());
            host.UseSetting("Identity:Issuer", suite.Issuer);
            host.UseSetting("Gateway:RateLimit:Person:PermitsPerSecond", "1");
            host.UseSetting("Gateway:RateLimit:Person:Burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

        // The flood: three times the burst, as fast as one caller can send it.
        var flood = new List<HttpResponseMessage>();
        using (var flooder = Client(gateway, admin.AccessToken))
        {
            for (var i = 0; i < 3 * Burst; i++) flood.Add(await flooder.GetAsync("/api/records/nothing-here"));
        }
        var limited = flood.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":429", await limited.Content.ReadAsStringAsync());
        flood.ForEach(r => r.Dispose());

        // Right after it, the other person is within their own budget: every request reaches Records (404 there,
        // past the gateway and the token check), none is turned away for the flood.
        using var other = Client(gateway, counsellor);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Burst / 2; i++)
        {
            using var response = await other.GetAsync("/api/records/nothing-here");
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }

    private static HttpClient Client(WebApplicationFactory<Backend> gateway, string token)
    {
        var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
