using XinYu.Calendar.Apis;
using XinYu.Calendar.Data;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;

// XinYu.Calendar: school years, terms, the fixed days and weeks, school events, iCalendar feeds.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<CalendarDbContext>("calendardb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<CalendarDbContext>("calendar");

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCalendarApi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
