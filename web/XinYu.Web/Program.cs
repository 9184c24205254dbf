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
builder.Services.AddSingleton<XinYu.Web.Components.Pages.Campaigns.AnswerLinks>(); // the slips' link and QR code
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddScoped<XinYu.Web.Components.Layout.StudentPageState>(); // per circuit: is a student answering?

var app = builder.Build();
app.UseIssuerAsHost(); // the gateway's public address, for the sign-in callbacks
app.UseSecurityHeaders();
app.UseServiceDefaults();
app.UseAntiforgery();
app.MapLanguageSwitch();
app.MapDefaultEndpoints();
app.MapStaffSignIn();
app.MapPrintedFile(); // the file as Records prints it, fetched with the user's token (which the browser never holds)
// The gateway sends the web app every path no other route takes, unknown API paths among them: those get the API's
// kind of answer (a 404 problem), not a sign-in page.
app.Map("/api/{**rest}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound)).AllowAnonymous();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>()
    // Blazor would add a second Content-Security-Policy header of its own (frame-ancestors 'self'); SecurityHeaders'
    // one policy already forbids framing.
    .AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null)
    .AllowAnonymousCircuits();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
