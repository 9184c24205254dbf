using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using XinYu.Gateway;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Gateway;

/// <summary>
/// Two replicas of the web app behind the gateway. A Blazor page keeps its circuit on the replica that rendered it (and
/// a reconnect after a dropped socket must find it there), so the gateway must send a browser back to the same replica
/// every time, while browsers without the cookie are spread over both.
/// </summary>
public sealed class WebReplicaAffinityTests
{
    [Fact]
    public async Task A_browser_sticks_to_the_replica_that_served_it_first_and_new_browsers_spread_over_both()
    {
        await using var one = await StandInAsync("replica-one");
        await using var two = await StandInAsync("replica-two");
        var cache = await TestServers.ConnectionStringAsync("cache");
        await using var gateway = new WebApplicationFactory<Backend>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:cache", cache);
            host.UseSetting("services:web:http:0", one.Urls.Single());
            host.UseSetting("services:web:http:1", two.Urls.Single());
        });
        using var http = gateway.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        // New browsers: no affinity cookie yet, so the gateway picks a replica (and names it in its cookie).
        var firstVisits = new List<(string ServedBy, string Cookie)>();
        for (var i = 0; i < 16; i++)
        {
            using var response = await http.GetAsync("/students");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(WebAppRouting.AffinityCookie + "=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            firstVisits.Add((await response.Content.ReadAsStringAsync(), cookie.Split(';')[0]));
        }
        Assert.Equal(["replica-one", "replica-two"], firstVisits.Select(v => v.ServedBy).Distinct().Order());

        // Each browser, coming back with its cookie, reaches the replica that served it first, on every page.
        foreach (var (servedBy, cookie) in firstVisits.DistinctBy(v => v.ServedBy))
        {
            for (var i = 0; i < 8; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, i % 2 == 0 ? "/" : "/room");
                request.Headers.Add("Cookie", cookie);
                using var response = await http.SendAsync(request);
                Assert.Equal(servedBy, await response.Content.ReadAsStringAsync());
                Assert.False(response.Headers.Contains("Set-Cookie")); // the affinity stands: no new cookie
            }
        }
    }

    private static async Task<WebApplication> StandInAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/alive", () => Results.Ok()); // the gateway's active health check keeps it in rotation
        app.MapFallback(() => Results.Text(name));
        await app.StartAsync();
        return app;
    }
}
