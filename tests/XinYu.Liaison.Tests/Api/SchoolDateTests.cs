using System.Net;

namespace XinYu.Liaison.Tests.Api;

/// <summary>
/// Liaison's "today" is the school date in the bureau's time zone (SchoolClock, issue #16 point 3): until then it was
/// the UTC date, so between 00:00 and 08:00 Beijing time the day that had just begun was still "in the future". Its
/// own service instance: the test moves the clock to 00:30 in Beijing, which the collection's shared clock must not see.
/// </summary>
public sealed class SchoolDateTests(LiaisonApp app) : IClassFixture<LiaisonApp>
{
    [Fact]
    public async Task At_half_past_midnight_in_Beijing_today_is_the_new_day()
    {
        // The next 16:30 UTC is 00:30 the day after in Beijing.
        var now = app.Clock.GetUtcNow();
        var halfPastMidnight = new DateTimeOffset(now.UtcDateTime.Date.AddHours(16).AddMinutes(30), TimeSpan.Zero);
        if (halfPastMidnight <= now) halfPastMidnight = halfPastMidnight.AddDays(1);
        app.Clock.SetUtcNow(halfPastMidnight);
        var beijingToday = DateOnly.FromDateTime(halfPastMidnight.UtcDateTime).AddDays(1);

        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var student = (await roster.EnrolAsync(school, @class, 1))[0];
        await roster.LearnedAsync(1);
        using var teacher = app.As("head-teacher", roster.Bureau, school, @class);

        // A visit made this (Beijing) morning is not in the future.
        await teacher.PostJsonAsync($"/api/liaison/students/{student}/home-visits", Http.Visit(roster.Visitor(school), beijingToday))
            .OkAsync(HttpStatusCode.Created);
        // A plan reaches back 30 school days, counted from the Beijing date: 31 days before it is too far.
        await teacher.PostJsonAsync($"/api/liaison/classes/{@class}/visit-plans",
                new { visits = new[] { new { studentId = student, plannedOn = beijingToday.AddDays(-31).ToString("yyyy-MM-dd") } } })
            .RejectedAsync("visits[0].plannedOn");
        await teacher.PostJsonAsync($"/api/liaison/classes/{@class}/visit-plans",
                new { visits = new[] { new { studentId = student, plannedOn = beijingToday.AddDays(-30).ToString("yyyy-MM-dd") } } })
            .OkAsync(HttpStatusCode.Created);
    }
}
