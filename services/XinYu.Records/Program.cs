using XinYu.Records.Apis;
using XinYu.Records.Data;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;

// XinYu.Records: 一生一档: students' psychological files, the counselling room, hand-over between schools.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<RecordsDbContext>("recordsdb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<RecordsDbContext>("records");
builder.Services.AddAuditTrail();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapRecordsApi();
app.MapAuditApi<RecordsDbContext>("records");
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
