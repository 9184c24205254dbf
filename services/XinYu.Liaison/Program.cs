using XinYu.Liaison.Apis;
using XinYu.Liaison.Data;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;

// XinYu.Liaison: home visits, guardian notifications, parent meetings, the joint mechanism with partner agencies.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<LiaisonDbContext>("liaisondb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<LiaisonDbContext>("liaison");
builder.Services.AddAuditTrail();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapLiaisonApi();
app.MapAuditApi<LiaisonDbContext>("liaison");
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
