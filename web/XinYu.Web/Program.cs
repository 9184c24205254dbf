using MudBlazor.Services;
using XinYu.ServiceDefaults.Data;
using XinYu.ServiceDefaults.Http;
using XinYu.Web.Api;
using XinYu.Web.Auth;
using XinYu.Web.Components;
using XinYu.Web.Hosting;
using XinYu.Web.Live;

// XinYu.Web: the staff web app (and, later, the students' screening pages), behind the gateway. docs/web.md.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRedisConnection("cache");
builder.AddSharedDataProtection(); // the sign-in cookie and the stored tokens read on every replica
builder.AddStaffSignIn();
builder.AddGatewayClients();
builder.AddLanguages();
builder.AddLivePages(); // Today updates as warnings are raised, acknowledged, escalated
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

var app = builder.Build();
app.UseIssuerAsHost(); // the gateway's public address, for the sign-in callbacks
app.UseSecurityHeaders();
app.UseServiceDefaults();
app.UseAntiforgery();
app.MapLanguageSwitch();
app.MapDefaultEndpoints();
app.MapStaffSignIn();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowAnonymousCircuits();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
