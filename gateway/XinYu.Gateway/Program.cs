using XinYu.Gateway;
using XinYu.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection("cache");
builder.AddGatewayRouting();
builder.AddGatewayProtection();

var app = builder.Build();
app.UseServiceDefaults(beforeAuthorization: pipeline => pipeline.UseRateLimiter(), isEdge: true);
app.MapDefaultEndpoints();
app.MapApiDocumentation();
// A custom pipeline replaces YARP's default one, so its three steps are named again: without them a cluster's session
// affinity (the web app's replicas), load balancing and passive health checks are configured but never run.
app.MapReverseProxy(proxy =>
{
    proxy.UseUnavailableBackendAs503(); // first, so it sees what the steps after it left
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
