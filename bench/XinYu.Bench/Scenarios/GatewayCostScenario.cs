using Aspire.Hosting.Testing;
namespace XinYu.Bench.Scenarios;

/// <summary>
/// The gateway's cost: one authorised read (a school from the directory) through the gateway, straight to the
/// service, and through nginx as a plain reverse proxy to the same service, in one run with the same token and load.
/// The service validates the token itself in all three, so the difference is the proxy's own work (and, for the
/// gateway, its token check, rate limiter and routing).
/// </summary>
public static class GatewayCostScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var school = context.Bureau!.Schools.First();
        var path = $"/api/staffing/schools/{school.Id}";
        var direct = context.Suite.App.GetEndpoint("staffing-api", "http");
        await using var nginx = await NginxProxy.StartAsync(direct);
        var targets = new (string Name, Uri Address)[] { ("direct", direct), ("gateway", context.Suite.Gateway), ("nginx", nginx.Address) };
        var figures = new Dictionary<string, LoadResult>();
        foreach (var (name, address) in targets)
        {
            using var client = BenchSuite.LoadClient(address, context.Suite.AdminToken, context.Options.Concurrency);
            figures[name] = await LoadRunner.RunAsync(context.Options.Concurrency, context.Options.Duration, async (_, _) =>
            {
                using var response = await client.GetAsync(path);
                await response.Content.LoadIntoBufferAsync();
                return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}";
            }, warmUp: TimeSpan.FromSeconds(3));
            var r = figures[name];
            context.Results.Add("gateway cost", $"GET a school, {name}: requests/s", r.PerSecond, "req/s", note: $"p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms, {r.Failures} failed of {r.Calls}{(r.FirstFailure is null ? "" : " (" + r.FirstFailure + ")")}");
        }
        var ratio = figures["gateway"].PerSecond / figures["direct"].PerSecond;
        context.Results.Add("gateway cost", "gateway throughput / direct", ratio, "×", "≥ 0.8", ratio >= 0.8);
        var versusNginx = figures["gateway"].PerSecond / figures["nginx"].PerSecond;
        context.Results.Add("gateway cost", "gateway throughput / nginx", versusNginx, "×", "≥ 1.0", versusNginx >= 1.0,
            $"p99 gateway {figures["gateway"].P99Ms:F1} ms vs nginx {figures["nginx"].P99Ms:F1} ms");
    }
}
