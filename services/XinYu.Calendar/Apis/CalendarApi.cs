using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Calendar.Apis;

/// <summary>The calendar service's public API, under /api/calendar (the gateway routes it there).</summary>
public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calendar").WithTags("Calendar").ProducesProblems();
        api.MapSchoolYearsApi();
        api.MapEventsApi();
        api.MapFeedsApi();
        return app;
    }


    /// <summary>The caller's bureau; a token without one reaches nothing.</summary>
    internal static Guid BureauOf(CallerScope caller) =>
        caller.BureauId ?? throw new RequestRejectedException("bureau", "The caller's token names no bureau.", StatusCodes.Status403Forbidden);


    internal static Guid Id(Guid? value, string field, bool required = true) =>
        value is { } id && id != Guid.Empty ? id
        : required ? throw new RequestRejectedException(field, "Give an id.") : throw new RequestRejectedException(field, "Not an id.");

}

/// <summary>Who may call what (docs/access-matrix.md).</summary>
internal static class CalendarRoles
{
    public static readonly string[] BureauManagers = [XinYuRoles.BureauAdmin];
    /// <summary>Those who plan and record events: the bureau admin (bureau and its schools), a school's admin and counsellor.</summary>
    public static readonly string[] EventManagers = [XinYuRoles.BureauAdmin, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor];
    /// <summary>Bureau staff read their whole bureau; a school's staff their school and the bureau's own events.</summary>
    public static readonly string[] Readers =
        [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher, XinYuRoles.Mentor];
}
