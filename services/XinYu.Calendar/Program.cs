using XinYu.Calendar.Apis;
using XinYu.Calendar.Data;
using XinYu.Calendar.Domain;
using XinYu.Calendar.Jobs;
using XinYu.Messaging;
using XinYu.ServiceDefaults.Jobs;

// XinYu.Calendar: school years, terms, the fixed days and weeks, school events, iCalendar feeds.
var builder = WebApplication.CreateBuilder(args);
builder.AddXinYuService<CalendarDbContext>(new("calendar", "calendardb"));
builder.Services.AddOptions<CalendarRulesOptions>().Bind(builder.Configuration.GetSection(CalendarRulesOptions.Section))
    .Validate(o => o.IsValid(), "CalendarRules: a month 1–12 with a real day (start not after end), ExamCareDays 1–120, TransitionCareWeeks 1–20, grades 1–12, LectureMonthMinTeachingDays 1–23.")
    .ValidateOnStart();
builder.Services.AddOptions<CalendarFeedOptions>().Bind(builder.Configuration.GetSection(CalendarFeedOptions.Section));
builder.Services.AddOptions<ReminderOptions>().Bind(builder.Configuration.GetSection(ReminderOptions.Section));
builder.Services.AddPeriodicJob<ReminderSweep, CalendarDbContext>();

builder.RunXinYuService(app => app.MapCalendarApi());

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
