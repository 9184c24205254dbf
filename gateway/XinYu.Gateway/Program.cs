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
app.MapReverseProxy(proxy => proxy.UseUnavailableBackendAs503());
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
