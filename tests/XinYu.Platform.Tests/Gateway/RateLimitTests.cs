using System.Net;
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
            host.UseSetting("Gateway:RateLimit:PermitsPerSecond", "1");
            host.UseSetting("Gateway:RateLimit:Burst", "3");
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
    public async Task Health_and_documentation_are_not_rate_limited()
    {
        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("Gateway:RateLimit:PermitsPerSecond", "1");
            host.UseSetting("Gateway:RateLimit:Burst", "1");
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
