using Microsoft.Extensions.Configuration;
using XinYu.Gateway;

namespace XinYu.Platform.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class GatewayRoutingTests
{
    private static IReadOnlyList<Backend> Backends() => Backend.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:records-api:http:0"] = "http://127.0.0.1:5001",
            ["services:screening-api:http:0"] = "http://127.0.0.1:5002",
            ["services:otel-collector:http:0"] = "http://127.0.0.1:4318", // not an API: not routed
        }).Build());

    [Fact]
    public void Every_discovered_api_is_routed_under_api_and_its_name()
    {
        var routes = GatewayRouting.Routes(Backends());
        var api = routes.Where(r => r.RouteId.EndsWith("-api", StringComparison.Ordinal)).ToDictionary(r => r.ClusterId!, r => r.Match.Path);
        Assert.Equal(new Dictionary<string, string?> { ["records"] = "/api/records/{**rest}", ["screening"] = "/api/screening/{**rest}" }, api);
        Assert.All(routes.Where(r => r.RouteId.EndsWith("-api", StringComparison.Ordinal)),
            r => Assert.Equal(GatewayPolicies.PerCallerRateLimit, r.RateLimiterPolicy));
    }

    [Fact]
    public void Clusters_address_services_by_discovery_name_and_check_their_health()
    {
        var clusters = GatewayRouting.Clusters(Backends());
        var records = clusters.Single(c => c.ClusterId == "records");
        Assert.Equal("http://records-api", records.Destinations!.Single().Value.Address);
        Assert.True(records.HealthCheck!.Active!.Enabled);
    }
}
