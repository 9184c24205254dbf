using XinYu.Identity.Apis;
using XinYu.Identity.Data;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Data;

// XinYu.Identity: accounts, roles, partner-agency clients and signing keys (OAuth2/OpenID Connect).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<IdentityDbContext>("identitydb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<IdentityDbContext>("identity");

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapIdentityApi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
