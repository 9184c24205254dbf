using XinYu.Screening.Apis;
using XinYu.Screening.Data;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;

// XinYu.Screening: screening campaigns, instruments, scoring, the three-level warning, plans, referrals, return to school.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<ScreeningDbContext>("screeningdb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<ScreeningDbContext>("screening");
builder.Services.AddAuditTrail();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapScreeningApi();
app.MapAuditApi<ScreeningDbContext>("screening");
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
