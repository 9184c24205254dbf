using XinYu.Calendar.Apis;
using XinYu.Calendar.Consumers;
using XinYu.Calendar.Data;
using XinYu.Calendar.Domain;
using XinYu.Calendar.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Data;
using XinYu.ServiceDefaults.Jobs;

// XinYu.Calendar: school years, terms, the fixed days and weeks, school events, iCalendar feeds.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddXinYuJwtAuthentication();
builder.AddServiceDatabase<CalendarDbContext>("calendardb");
builder.AddRedisConnection("cache");
builder.AddXinYuMessaging<CalendarDbContext>("calendar", bus =>
{
    bus.AddConsumer<SchoolRegisteredConsumer>();
    bus.AddConsumer<StaffRegisteredConsumer>();
    bus.AddConsumer<StaffAccountDisabledConsumer>();
});
builder.Services.AddOptions<CalendarRulesOptions>().Bind(builder.Configuration.GetSection(CalendarRulesOptions.Section))
    .Validate(o => o.IsValid(), "CalendarRules: a month 1–12 with a real day (start not after end), ExamCareDays 1–120, TransitionCareWeeks 1–20, grades 1–12, LectureMonthMinTeachingDays 1–23.")
    .ValidateOnStart();
builder.Services.AddOptions<CalendarFeedOptions>().Bind(builder.Configuration.GetSection(CalendarFeedOptions.Section));
builder.Services.AddOptions<ReminderOptions>().Bind(builder.Configuration.GetSection(ReminderOptions.Section));
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddPeriodicJob<ReminderSweep, CalendarDbContext>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCalendarApi();
app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
