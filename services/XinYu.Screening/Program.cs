using XinYu.Screening.Apis;
using XinYu.Screening.Data;
using XinYu.Screening.Jobs;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Jobs;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Secrets;

// XinYu.Screening: screening campaigns, instruments, scoring, the three-level warning, plans, referrals, return to school.
var builder = WebApplication.CreateBuilder(args);
// Warning details (observations) are encrypted columns.
builder.AddXinYuService<ScreeningDbContext>(new("screening", "screeningdb") { EncryptsData = true, KeepsAuditTrail = true });
builder.Services.RequireSecret(CrisisExportOptions.PseudonymKeySetting);
builder.Services.RequireSecret(AnswerCodeOptions.KeySetting);
builder.Services.AddOptions<AnswerCodeOptions>().Bind(builder.Configuration.GetSection(AnswerCodeOptions.Section))
    .Validate(o => o.IsValid, $"{AnswerCodeOptions.Section}: Length 6 to 16; MaxAttemptsPerCode, MaxFailuresPerCampaign and FailureWindow above 0.")
    .ValidateOnStart();
builder.Services.AddOptions<SupportOptions>().Bind(builder.Configuration.GetSection(SupportOptions.Section));
builder.Services.AddOptions<ScreeningOptions>().Bind(builder.Configuration.GetSection("Screening"))
    .Validate(o => { _ = o.Levels(); return true; });
builder.Services.AddSingleton<InstrumentCatalog>();
builder.Services.AddSingleton<CampaignCache>();
builder.Services.AddSingleton<RiskRegistry>();
builder.Services.AddSingleton<EscalationSweep>();
builder.Services.AddPeriodicJob<EscalationJob, ScreeningDbContext>();

builder.RunXinYuService(app => app.MapScreeningApi());

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
