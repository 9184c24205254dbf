using Aspire.Hosting.Testing;
namespace XinYu.Bench.Scenarios;

/// <summary>
/// The gateway's cost, in two comparisons with nginx as a plain reverse proxy to the same service, same run and load:
/// <list type="bullet">
/// <item>as a plain proxy: a route the gateway forwards without its token policy (a calendar feed's own-credential
/// route, here with an unknown token, so the service's work is a lookup and a 404);</item>
/// <item>with its token validation and policy: an authorised read (a school from the directory), also straight to the
/// service. The service validates the token itself in all three, so the difference is the proxy's own work.</item>
/// </list>
/// </summary>
public static class GatewayCostScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        await PlainProxyAsync(context);
        await WithTokenPolicyAsync(context);
    }

    private static async Task PlainProxyAsync(BenchContext context)
    {
        const string path = "/api/calendar/ics/bench-no-such-feed-token";
        var calendar = context.Suite.App.GetEndpoint("calendar-api", "http");
        await using var nginx = await NginxProxy.StartAsync(calendar);
        var gateway = await LoadAsync(context, "plain proxy, gateway", context.Suite.Gateway, path, token: null, expected: 404);
        var viaNginx = await LoadAsync(context, "plain proxy, nginx", nginx.Address, path, token: null, expected: 404);
        var ratio = gateway.PerSecond / viaNginx.PerSecond;
        context.Results.Add("gateway cost", "plain proxy: gateway / nginx", ratio, "×", "≥ 1.0", ratio >= 1.0,
            $"p99 gateway {gateway.P99Ms:F1} ms vs nginx {viaNginx.P99Ms:F1} ms");
    }

    private static async Task WithTokenPolicyAsync(BenchContext context)
    {
        var school = context.Bureau!.Schools.First();
        var path = $"/api/staffing/schools/{school.Id}";
        var direct = context.Suite.App.GetEndpoint("staffing-api", "http");
        await using var nginx = await NginxProxy.StartAsync(direct);
        var token = context.Suite.AdminToken;
        var straight = await LoadAsync(context, "GET a school, direct", direct, path, token, expected: 200);
        var gateway = await LoadAsync(context, "GET a school, gateway", context.Suite.Gateway, path, token, expected: 200);
        var viaNginx = await LoadAsync(context, "GET a school, nginx", nginx.Address, path, token, expected: 200);
        var ratio = gateway.PerSecond / straight.PerSecond;
        context.Results.Add("gateway cost", "with token policy: gateway / direct", ratio, "×", "", null);
        var versusNginx = gateway.PerSecond / viaNginx.PerSecond;
        context.Results.Add("gateway cost", "with token policy: gateway / nginx", versusNginx, "×", "≥ 0.8", versusNginx >= 0.8,
            $"p99 gateway {gateway.P99Ms:F1} ms vs nginx {viaNginx.P99Ms:F1} ms");
    }

    private static async Task<LoadResult> LoadAsync(BenchContext context, string name, Uri address, string path, string? token, int expected)
    {
        using var client = BenchSuite.LoadClient(address, token ?? "", context.Options.Concurrency);
        if (token is null) client.DefaultRequestHeaders.Authorization = null;
        var r = await LoadRunner.RunAsync(context.Options.Concurrency, context.Options.Duration, async (_, _) =>
        {
            using var response = await client.GetAsync(path);
            await response.Content.LoadIntoBufferAsync();
            return (int)response.StatusCode == expected ? null : $"{(int)response.StatusCode}";
        }, warmUp: TimeSpan.FromSeconds(3));
        context.Results.Add("gateway cost", $"{name}: requests/s", r.PerSecond, "req/s",
            note: $"p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms, {r.Failures} failed of {r.Calls}{(r.FirstFailure is null ? "" : " (" + r.FirstFailure + ")")}");
        return r;
    }
}
