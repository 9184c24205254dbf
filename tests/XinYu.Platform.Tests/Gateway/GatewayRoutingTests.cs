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

    [Fact]
    public void The_web_app_takes_every_path_the_others_leave_without_a_token_and_sticks_a_browser_to_one_replica()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:records-api:http:0"] = "http://127.0.0.1:5001",
            ["services:web:http:0"] = "http://127.0.0.1:5009",
        }).Build();
        var web = WebAppRouting.From(configuration);
        Assert.NotNull(web);
        Assert.DoesNotContain(Backend.From(configuration), b => b.ServiceName == "web"); // not an API under /api

        var route = Assert.Single(WebAppRouting.Routes(web));
        Assert.Equal("/{**rest}", route.Match.Path);
        Assert.Equal(GatewayPolicies.Anonymous, route.AuthorizationPolicy); // the web app signs its users in itself
        Assert.Equal(GatewayPolicies.PerCallerRateLimit, route.RateLimiterPolicy);
        // After every API, identity and OpenAPI route, so none of their paths reaches the web app.
        Assert.All(GatewayRouting.Routes(Backend.From(configuration)), r => Assert.True((r.Order ?? 0) < route.Order));

        var cluster = Assert.Single(WebAppRouting.Clusters(web));
        Assert.Equal("http://web", cluster.Destinations!.Single().Value.Address);
        Assert.True(cluster.SessionAffinity!.Enabled);
        Assert.True(cluster.SessionAffinity.Cookie!.HttpOnly);
        Assert.True(cluster.HealthCheck!.Active!.Enabled);

        Assert.Null(WebAppRouting.From(new ConfigurationBuilder().Build())); // a deployment without the web app routes none
        Assert.Empty(WebAppRouting.Routes(null));
    }
}
