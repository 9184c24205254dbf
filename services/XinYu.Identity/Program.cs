using XinYu.Identity.Accounts;
using XinYu.Identity.Apis;
using XinYu.Identity.Bootstrap;
using XinYu.Identity.Consumers;
using XinYu.Identity.Data;
using XinYu.Identity.Server;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Data;

// XinYu.Identity: accounts, roles, partner-agency clients and signing keys (OAuth2/OpenID Connect, OpenIddict).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<AccountsDbContext>("identitydb");
builder.AddRedisConnection("cache");
builder.AddSharedDataProtection();
builder.AddXinYuMessaging<AccountsDbContext>("identity", bus =>
{
    bus.AddConsumer<SchoolRegisteredConsumer>();
    bus.AddConsumer<ClassOpenedConsumer>();
    bus.AddConsumer<ClassClosedConsumer>();
    bus.AddConsumer<StaffLeftSchoolConsumer>();
});
builder.AddXinYuIdentityServer();
builder.AddAccountLifeCycle();

var app = builder.Build();
if (args.FirstOrDefault() == BootstrapAdminCommand.Name)
{
    return await BootstrapAdminCommand.RunAsync(app, args);
}
app.UseIssuerAsHost();
app.UseServiceDefaults();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapConnectEndpoints();
app.MapSignInPage();
app.MapAdminApi();
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
