using XinYu.Staffing.Apis;
using XinYu.Staffing.Data;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;

// XinYu.Staffing: the bureau's directory (schools, classes, staff), certificates, training hours, workload, compliance.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<StaffingDbContext>("staffingdb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<StaffingDbContext>("staffing");

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapStaffingApi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
