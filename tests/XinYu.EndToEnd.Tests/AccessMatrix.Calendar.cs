namespace XinYu.EndToEnd.Tests;

public static partial class AccessMatrix
{
    /// <summary>The calendar service's endpoints (beyond those listed in AccessMatrix.cs) and who may call them.</summary>
    // A property, not a field: the table in AccessMatrix.cs reads it while initialising, whatever the file order.
    // The bureau admin sets years, terms and holidays and manages the bureau's events; a school's admin and counsellor
    // manage their school's events; bureau staff read their bureau, a school's staff their school (and the bureau's
    // own events). The auditor and partners reach nothing here. The feed itself is anonymous: its token is the
    // credential, and an unknown or revoked token is 404 for everyone.
    private static EndpointAccess[] Calendar =>
    [
        new("PUT", "/api/calendar/school-years", ["bureau-admin"], Invalid),
        new("GET", "/api/calendar/school-years", [.. SchoolReaders]),
        new("PUT", "/api/calendar/holidays", ["bureau-admin"], Invalid),
        new("GET", "/api/calendar/holidays", [.. SchoolReaders]),
        new("GET", "/api/calendar/derived", [.. SchoolReaders]),
        new("POST", "/api/calendar/events", ["bureau-admin", "school-admin", "counsellor"], Invalid)
        {
            // Another school in the body is a 400 naming schoolId ("no such school in your reach").
            BodyScoped = true, ForeignStatus = 400, ValidBody = (_, school) => Event(school, "心理讲座"),
        },
        new("GET", "/api/calendar/events", [.. SchoolReaders]),
        new("GET", "/api/calendar/events/{eventId}", [.. SchoolReaders]),
        new("PUT", "/api/calendar/events/{eventId}", ["bureau-admin", "school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => Event(school, "心理讲座（改）"),
        },
        new("DELETE", "/api/calendar/events/{eventId}", ["bureau-admin", "school-admin", "counsellor"]) { Consumes = true },
        new("PUT", "/api/calendar/events/{eventId}/presenters", ["bureau-admin", "school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => new { staffIds = new[] { school.StaffId } },
        },
        new("POST", "/api/calendar/events/{eventId}/registrations", [.. SchoolReaders], Invalid)
        {
            ValidBody = (_, school) => new { staffId = school.StaffId },
        },
        new("POST", "/api/calendar/events/{eventId}/held", ["bureau-admin", "school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => new { heldOn = ScopeSeed.Today, durationMinutes = 45, presenterStaffIds = new[] { school.StaffId }, attendance = 30 },
            Consumes = true,
        },
        new("GET", "/api/calendar/schools/{schoolId}/required", [.. SchoolReaders]) { Query = $"schoolYear={ScopeSeed.SchoolYear}" },
        new("POST", "/api/calendar/feeds", [.. SchoolReaders], Invalid)
        {
            BodyScoped = true, ForeignStatus = 400, ValidBody = (_, school) => new { kind = "school", schoolId = school.SchoolId },
        },
        new("GET", "/api/calendar/feeds", [.. SchoolReaders]),
        new("DELETE", "/api/calendar/feeds/{feedId}", [.. SchoolReaders]) { Reach = Reach.Owner, Consumes = true },
        new("GET", "/api/calendar/ics/{token}", [.. Callers]) { Reach = Reach.Anyone },
    ];

    private static object Event(SchoolSeed school, string title) =>
        new { schoolId = school.SchoolId, kind = "lecture", title, startsAt = DateTimeOffset.UtcNow.AddDays(10), durationMinutes = 45 };
}
