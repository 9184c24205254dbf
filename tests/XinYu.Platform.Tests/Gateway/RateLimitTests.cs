using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using XinYu.Gateway;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Gateway;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_caller_over_its_limit_gets_429_with_Retry_After_and_problem_details_before_anything_else()
    {
        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:records-api:http:0", "http://127.0.0.1:9"); // never reached
            host.UseSetting("Gateway:RateLimit:Address:PermitsPerSecond", "1");
            host.UseSetting("Gateway:RateLimit:Address:Burst", "3");
        });
        using var http = gateway.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await http.GetAsync("/api/records/students");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }

        // The burst is let through (to authorization, which refuses a caller without a token), then the limit holds.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
        Assert.NotNull(limited!.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_forged_token_with_a_new_subject_each_time_spends_its_address_budget_not_a_fresh_one()
    {
        await using var issuer = await StandInIssuerAsync();
        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:records-api:http:0", "http://127.0.0.1:9"); // never reached
            host.UseSetting("Identity:Issuer", StandInIssuer);
            host.UseSetting("Identity:InternalAddress", issuer.Urls.Single() + "/");
            host.UseSetting("Gateway:RateLimit:Address:PermitsPerSecond", "1");
            host.UseSetting("Gateway:RateLimit:Address:Burst", "3");
        });
        using var http = gateway.CreateClient();

        // Were the partition read from the unverified token, every request would open a new bucket and pass.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/records/students");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken(Guid.NewGuid().ToString()));
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
    }

    [Fact]
    public void A_partition_is_the_person_then_the_client_then_the_address_and_names_none_of_them()
    {
        static HttpContext Caller(params (string Type, string Value)[] claims)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            if (claims.Length > 0)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));
            }
            return context;
        }
        var alice = CallerPartition.Of(Caller(("sub", "5b0c7f1e-alice"), ("client_id", "xinyu-dev")));
        var bob = CallerPartition.Of(Caller(("sub", "9d41aa02-bob"), ("client_id", "xinyu-dev")));
        var hospital = CallerPartition.Of(Caller(("sub", "hospital-7"), ("client_id", "hospital-7")));
        var anonymous = CallerPartition.Of(Caller());

        Assert.Equal(CallerKind.Person, alice.Kind);
        Assert.NotEqual(alice, bob); // the same web-app client, two budgets
        Assert.Equal(alice, CallerPartition.Of(Caller(("sub", "5b0c7f1e-alice"), ("client_id", "xinyu-dev"))));
        Assert.Equal(CallerKind.Client, hospital.Kind);
        Assert.Equal(CallerKind.Address, anonymous.Kind);
        // The key is what the limiter keeps (and could surface): no account id, client id or address in it.
        foreach (var (partition, id) in new[] { (alice, "alice"), (bob, "bob"), (hospital, "hospital"), (anonymous, "203.0.113") })
        {
            Assert.DoesNotContain(id, partition.Key, StringComparison.OrdinalIgnoreCase);
        }
    }

    private const string StandInIssuer = "http://issuer.test/";

    /// <summary>An issuer's metadata and signing key (one the forger does not have), so validation answers at once.</summary>
    private static async Task<WebApplication> StandInIssuerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var key = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k1" });
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(
            $"{{\"issuer\":\"{StandInIssuer}\",\"jwks_uri\":\"{StandInIssuer}.well-known/jwks\"}}", "application/json"));
        app.MapGet("/.well-known/jwks", () => Results.Text(
            $"{{\"keys\":[{{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"use\":\"sig\",\"x\":\"{key.X}\",\"y\":\"{key.Y}\"}}]}}", "application/json"));
        await app.StartAsync();
        return app;
    }

    /// <summary>A JWT any caller can write: a claimed subject, and no valid signature.</summary>
    private static string ForgedToken(string subject)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"iss\":\"{StandInIssuer}\",\"sub\":\"{subject}\",\"aud\":\"xinyu-api\",\"exp\":4102444800}}")}.";
    }

    [Fact]
    public async Task Health_and_documentation_are_not_rate_limited()
    {
        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("Gateway:RateLimit:Address:PermitsPerSecond", "1");
            host.UseSetting("Gateway:RateLimit:Address:Burst", "1");
        });
        using var http = gateway.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        }
    }
}

public sealed class UnavailableBackendTests
{
    [Fact]
    public async Task A_route_whose_service_is_down_answers_503_problem_details_with_Retry_After()
    {
        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:calendar-api:http:0", "http://127.0.0.1:9"); // nothing listens there
        });
        using var http = gateway.CreateClient();

        // The calendar feed route needs no token, so the request reaches the forwarder.
        using var response = await http.GetAsync("/api/calendar/ics/" + new string('a', 43));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
