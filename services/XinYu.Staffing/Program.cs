using XinYu.Staffing.Apis;
using XinYu.Staffing.Consumers;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;

// XinYu.Staffing: the bureau's directory (schools, classes, staff), certificates, training hours, workload, compliance.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<StaffingDbContext>("staffingdb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<StaffingDbContext>("staffing", bus =>
{
    bus.AddConsumer<TermScheduledConsumer>();
    bus.AddConsumer<CounsellingSessionHeldConsumer>();
    bus.AddConsumer<ActivityHeldConsumer>();
    bus.AddConsumer<StudentEnrolledConsumer>();
    bus.AddConsumer<StudentClassChangedConsumer>();
    bus.AddConsumer<StudentTransferredConsumer>();
    bus.AddConsumer<StudentLeftConsumer>();
});
// Every policy number is a setting with the seed's value as its default (docs/staffing.md lists them).
builder.Services.AddOptions<CertificateOptions>().Bind(builder.Configuration.GetSection("Staffing:Certificates"));
builder.Services.AddOptions<ComplianceOptions>().Bind(builder.Configuration.GetSection("Staffing:Compliance"));
builder.Services.AddOptions<TrainingOptions>().Bind(builder.Configuration.GetSection("Staffing:Training"));
builder.Services.AddOptions<WorkloadOptions>().Bind(builder.Configuration.GetSection("Staffing:Workload"));
builder.Services.AddOptions<LessonOptions>().Bind(builder.Configuration.GetSection("Staffing:Lessons"));
builder.Services.AddOptions<MentorGridOptions>().Bind(builder.Configuration.GetSection("Staffing:MentorGrid"));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapStaffingApi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
