using XinYu.Screening.Apis;
using XinYu.Screening.Consumers;
using XinYu.Screening.Data;
using XinYu.Screening.Jobs;
using XinYu.Screening.Services;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;
using XinYu.ServiceDefaults.Jobs;
using XinYu.ServiceDefaults.Secrets;

// XinYu.Screening: screening campaigns, instruments, scoring, the three-level warning, plans, referrals, return to school.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<ScreeningDbContext>("screeningdb");
builder.AddRedisConnection("cache");
builder.AddSharedDataProtection(); // warning details (observations) are encrypted columns
builder.AddXinYuMessaging<ScreeningDbContext>("screening", bus =>
{
    bus.AddConsumer<SchoolRegisteredConsumer>();
    bus.AddConsumer<ClassOpenedConsumer>();
    bus.AddConsumer<StudentEnrolledConsumer>();
    bus.AddConsumer<StudentClassChangedConsumer>();
    bus.AddConsumer<StudentTransferredConsumer>();
    bus.AddConsumer<StudentLeftConsumer>();
    bus.AddConsumer<ConsentRecordedConsumer>();
    bus.AddConsumer<PartnerClientRegisteredConsumer>();
    bus.AddConsumer<PartnerClientDisabledConsumer>();
    bus.AddConsumer<PartnerClientEnabledConsumer>();
    bus.AddConsumer<StaffRegisteredConsumer>();
});
builder.Services.AddAuditTrail<ScreeningDbContext>();
builder.Services.RequireSecret(CrisisExportOptions.PseudonymKeySetting);
builder.Services.AddOptions<ScreeningOptions>().Bind(builder.Configuration.GetSection("Screening"))
    .Validate(o => { _ = o.Levels(); return true; });
builder.Services.AddSingleton<InstrumentCatalog>();
builder.Services.AddSingleton<CampaignCache>();
builder.Services.AddSingleton<RiskRegistry>();
builder.Services.AddSingleton<EscalationSweep>();
builder.Services.AddPeriodicJob<EscalationJob, ScreeningDbContext>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapScreeningApi();
app.MapAuditApi<ScreeningDbContext>("screening");
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
