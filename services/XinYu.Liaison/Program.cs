using XinYu.Liaison.Apis;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.Liaison.Jobs;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Jobs;

// XinYu.Liaison: home visits, guardian notifications, parent meetings, the joint mechanism with partner agencies.
var builder = WebApplication.CreateBuilder(args);
// Visit notes, guardian notes, joint minutes and case summaries are encrypted.
builder.AddXinYuService<LiaisonDbContext>(new("liaison", "liaisondb") { EncryptsData = true, KeepsAuditTrail = true });
builder.Services.AddOptions<LiaisonOptions>().Bind(builder.Configuration.GetSection(LiaisonOptions.Section))
    .Validate(o => o.VisitsPerSchoolYear >= 1 && o.SpecialVisitDueDays >= 0 && o.GuardianNotificationDueHours > 0
        && o.ParentMentalHealthActivitiesPerSchoolYear >= 0 && o.SweepInterval > TimeSpan.Zero, "Liaison settings out of range (see docs/liaison.md).")
    .ValidateOnStart();
builder.Services.AddPeriodicJob<OverdueSweep, LiaisonDbContext>();

builder.RunXinYuService(app => app.MapLiaisonApi());

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
