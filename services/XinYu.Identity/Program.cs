using XinYu.Identity.Accounts;
using XinYu.Identity.Apis;
using XinYu.Identity.Bootstrap;
using XinYu.Identity.Data;
using XinYu.Identity.Server;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Http;

// XinYu.Identity: accounts, roles, partner-agency clients and signing keys (OAuth2/OpenID Connect, OpenIddict).
var builder = WebApplication.CreateBuilder(args);
builder.AddXinYuService<AccountsDbContext>(new("identity", "identitydb") { ValidatesTokens = false, EncryptsData = true });
builder.AddXinYuIdentityServer();
builder.AddAccountLifeCycle();

var app = builder.BuildXinYuService(beforeDefaults: issuer => issuer.UseIssuerAsHost());
if (args.FirstOrDefault() == BootstrapAdminCommand.Name)
{
    return await BootstrapAdminCommand.RunAsync(app, args);
}
if (args.FirstOrDefault() == DemoAdminCommand.Name)
{
    return await DemoAdminCommand.RunAsync(app, args); // Development only: ./xinyu.sh demo
}
app.UseAntiforgery();
app.MapConnectEndpoints();
app.MapSignInPage();
app.MapAdminApi();
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
