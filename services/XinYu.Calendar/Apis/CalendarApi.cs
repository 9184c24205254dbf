namespace XinYu.Calendar.Apis;

/// <summary>The calendar service's public API, under /api/calendar (the gateway routes it there).</summary>
public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calendar").WithTags("Calendar");
        return app;
    }
}
