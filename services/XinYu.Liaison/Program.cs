using XinYu.Liaison.Apis;
using XinYu.Liaison.Consumers;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.Liaison.Jobs;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;
using XinYu.ServiceDefaults.Jobs;

// XinYu.Liaison: home visits, guardian notifications, parent meetings, the joint mechanism with partner agencies.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<LiaisonDbContext>("liaisondb");
builder.AddRedisConnection("cache");
builder.AddSharedDataProtection(); // visit notes, guardian notes, joint minutes and case summaries are encrypted
builder.AddXinYuMessaging<LiaisonDbContext>("liaison", bus =>
{
    bus.AddConsumer<SchoolRegisteredConsumer>();
    bus.AddConsumer<ClassOpenedConsumer>();
    bus.AddConsumer<ClassClosedConsumer>();
    bus.AddConsumer<StudentEnrolledConsumer>();
    bus.AddConsumer<StudentClassChangedConsumer>();
    bus.AddConsumer<StudentTransferredConsumer>();
    bus.AddConsumer<StudentLeftConsumer>();
    bus.AddConsumer<TermScheduledConsumer>();
    bus.AddConsumer<RiskLevelChangedConsumer>();
    bus.AddConsumer<CrisisWarningRaisedConsumer>();
    bus.AddConsumer<StaffRegisteredConsumer>();
});
builder.Services.AddAuditTrail<LiaisonDbContext>();
builder.Services.AddOptions<LiaisonOptions>().Bind(builder.Configuration.GetSection(LiaisonOptions.Section))
    .Validate(o => o.VisitsPerSchoolYear >= 1 && o.SpecialVisitDueDays >= 0 && o.GuardianNotificationDueHours > 0
        && o.ParentMentalHealthActivitiesPerSchoolYear >= 0 && o.SweepInterval > TimeSpan.Zero, "Liaison settings out of range (see docs/liaison.md).")
    .ValidateOnStart();
builder.Services.AddPeriodicJob<OverdueSweep, LiaisonDbContext>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapLiaisonApi();
app.MapAuditApi<LiaisonDbContext>("liaison");
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
