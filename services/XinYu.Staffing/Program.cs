using XinYu.Staffing.Apis;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.Messaging;

// XinYu.Staffing: the bureau's directory (schools, classes, staff), certificates, training hours, workload, compliance.
var builder = WebApplication.CreateBuilder(args);
builder.AddXinYuService<StaffingDbContext>(new("staffing", "staffingdb"));
// Every policy number is a setting with the seed's value as its default (docs/staffing.md lists them).
// A setting that would divide by zero or count nothing stops the service at start rather than mislead a supervisor.
builder.Services.AddOptions<CertificateOptions>().Bind(builder.Configuration.GetSection("Staffing:Certificates"))
    .Validate(o => o.ExpiringWithinDays is >= 0 and <= 3650, "Staffing:Certificates:ExpiringWithinDays is 0 to 3650.").ValidateOnStart();
builder.Services.AddOptions<ComplianceOptions>().Bind(builder.Configuration.GetSection("Staffing:Compliance"))
    .Validate(o => new[] { o.PrimaryMinimum, o.JuniorMinimum, o.SeniorMinimum, o.VocationalMinimum, o.ResearchStaffMinimum }.All(n => n >= 0),
        "Staffing:Compliance minima are not negative.").ValidateOnStart();
builder.Services.AddOptions<TrainingOptions>().Bind(builder.Configuration.GetSection("Staffing:Training"))
    .Validate(o => o.SchoolYearStartMonth is >= 1 and <= 12 && o.SchoolYearStartDay is >= 1 and <= 28, "Staffing:Training: start month 1–12, day 1–28.")
    .ValidateOnStart();
builder.Services.AddOptions<WorkloadOptions>().Bind(builder.Configuration.GetSection("Staffing:Workload"))
    .Validate(o => o.ClassHourMinutes is > 0 and <= 240, "Staffing:Workload:ClassHourMinutes is 1 to 240.").ValidateOnStart();
builder.Services.AddOptions<LessonOptions>().Bind(builder.Configuration.GetSection("Staffing:Lessons"))
    .Validate(o => o.PeriodDays > 0 && o.LessonsPerPeriod >= 0, "Staffing:Lessons: PeriodDays > 0, LessonsPerPeriod ≥ 0.").ValidateOnStart();
builder.Services.AddOptions<MentorGridOptions>().Bind(builder.Configuration.GetSection("Staffing:MentorGrid"))
    .Validate(o => o.StudentsPerMentor > 0 && o.MaxStudentsPerRequest > 0, "Staffing:MentorGrid: both numbers > 0.").ValidateOnStart();

builder.RunXinYuService(app => app.MapStaffingApi());

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
