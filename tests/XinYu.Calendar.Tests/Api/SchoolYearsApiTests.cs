using XinYu.Contracts;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Calendar.Domain;
using XinYu.Calendar.Tests.Domain;
using XinYu.Messaging.Outbox;
using static XinYu.Calendar.Tests.Api.Http;

namespace XinYu.Calendar.Tests.Api;

/// <summary>School years, terms, exams and holiday lists through the API, and the calendar derived from what is stored.</summary>
public sealed class SchoolYearsApiTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    internal static object Year2024Body(string springStart = "2025-02-17") => new
    {
        schoolYear = 2024,
        autumn = new { startsOn = "2024-09-01", endsOn = "2025-01-17" },
        spring = new { startsOn = springStart, endsOn = "2025-07-04" },
        exams = new[] { new { name = "高考", date = "2025-06-07" }, new { name = "中考", date = "2025-06-17" } },
    };

    internal static object HolidaysBody(int year) => new
    {
        year,
        days = CalendarRulesTests.OfficialDays2024And2025().Where(d => d.Date.Year == year)
            .Select(d => new { date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind = d.Kind.ToName(), name = d.Name }).ToArray(),
    };

    /// <summary>Sets the 2024–2025 school year and the 2024 and 2025 holiday lists for <paramref name="bureau"/>.</summary>
    internal static async Task SetUpYear2024Async(CalendarApp app, Guid bureau)
    {
        using var admin = app.As("bureau-admin", bureau);
        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/school-years", Year2024Body()));
        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/holidays", HolidaysBody(2024)));
        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/holidays", HolidaysBody(2025)));
    }

    private Task<List<OutboxMessage>> TermEventsAsync(IEnumerable<Guid> termIds)
    {
        var keys = termIds.Select(id => $"term:{id}").ToList();
        return app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.AggregateKey)).OrderBy(m => m.Sequence).ToListAsync());
    }

    [Fact]
    public async Task Loading_a_holiday_list_publishes_the_whole_list_of_that_year_for_the_other_services()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);
        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/holidays", HolidaysBody(2025)));

        var published = await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateKey == $"holidays:{bureau}:2025").ToListAsync());
        var message = JsonDocument.Parse(Assert.Single(published).Payload).RootElement;
        Assert.StartsWith("XinYu.Contracts.HolidayListSet,", published[0].MessageType);
        Assert.Equal((bureau, 2025), (message.GetProperty("bureauId").GetGuid(), message.GetProperty("year").GetInt32()));
        var days = message.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(CalendarRulesTests.OfficialDays2024And2025().Count(d => d.Date.Year == 2025), days.Count);
        // A make-up working day (调休) travels as one: Screening's working-day rule reads the kind.
        Assert.Contains(days, d => d.GetProperty("kind").GetInt32() == (int)DayKind.Workday);
    }

    [Fact]
    public async Task Setting_a_school_year_publishes_TermScheduled_per_term_and_again_only_for_a_term_whose_dates_changed()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);

        var year = await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/school-years", Year2024Body()));
        var termIds = year.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(2, termIds.Count);
        var first = await TermEventsAsync(termIds);
        Assert.Equal(2, first.Count);
        Assert.All(first, m => Assert.StartsWith("XinYu.Contracts.TermScheduled,", m.MessageType));
        var autumn = JsonDocument.Parse(first[0].Payload).RootElement;
        Assert.Equal((bureau, 2024, 1, "2024-09-01", "2025-01-17"), (autumn.GetProperty("bureauId").GetGuid(), autumn.GetProperty("schoolYear").GetInt32(),
            autumn.GetProperty("number").GetInt32(), autumn.GetProperty("startsOn").GetString(), autumn.GetProperty("endsOn").GetString()));

        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/school-years", Year2024Body()));
        Assert.Equal(2, (await TermEventsAsync(termIds)).Count);

        var moved = await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/school-years", Year2024Body(springStart: "2025-02-24")));
        Assert.Equal(termIds, moved.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        var all = await TermEventsAsync(termIds);
        Assert.Equal(3, all.Count);
        var spring = JsonDocument.Parse(all[2].Payload).RootElement;
        Assert.Equal((termIds[1], "2025-02-24"), (spring.GetProperty("termId").GetGuid(), spring.GetProperty("startsOn").GetString()));

        using var otherBureau = app.As("bureau-officer", Guid.NewGuid());
        Assert.Empty((await JsonAsync(await otherBureau.GetAsync("/api/calendar/school-years"))).EnumerateArray());
        using var mentor = app.As("mentor", bureau, Guid.NewGuid());
        Assert.Equal([2024], (await JsonAsync(await mentor.GetAsync("/api/calendar/school-years"))).EnumerateArray().Select(y => y.GetProperty("schoolYear").GetInt32()));
    }

    [Fact]
    public async Task The_derived_calendar_comes_from_the_stored_terms_exams_and_holidays_and_moves_5_25_to_the_Friday()
    {
        var bureau = Guid.NewGuid();
        using var reader = app.As("counsellor", bureau, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/calendar/derived?schoolYear=2024")).StatusCode);

        await SetUpYear2024Async(app, bureau);

        var items = (await JsonAsync(await reader.GetAsync("/api/calendar/derived?schoolYear=2024"))).EnumerateArray().ToList();
        Assert.Equal(25, items.Count);
        var day525 = items.Single(i => i.GetProperty("kind").GetString() == DerivedKinds.StudentMentalHealthDay);
        Assert.Equal(("2025-05-25", "2025-05-23"), (day525.GetProperty("from").GetString(), day525.GetProperty("activityOn").GetString()));
        // The October lecture month starts after the National Day holidays the stored list holds.
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == DerivedKinds.MonthlyLecture && i.GetProperty("from").GetString() == "2024-10-08");
        Assert.Equal(["2025-05-24", "2025-06-03"], items.Where(i => i.GetProperty("kind").GetString() == DerivedKinds.ExamCare).Select(i => i.GetProperty("from").GetString()));
    }

    [Fact]
    public async Task A_holiday_list_replaces_the_years_previous_one_and_is_read_back()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);
        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/holidays", HolidaysBody(2025)));
        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/holidays", new { year = 2025, days = new[] { new { date = "2025-10-01", kind = "holiday", name = "国庆节" } } }));

        var list = await JsonAsync(await app.As("head-teacher", bureau, Guid.NewGuid()).GetAsync("/api/calendar/holidays?year=2025"));
        Assert.Equal(["2025-10-01"], list.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
    }

    [Theory]
    [InlineData("/api/calendar/school-years", "schoolYear", """{"schoolYear":1,"autumn":{"startsOn":"2024-09-01","endsOn":"2025-01-17"},"spring":{"startsOn":"2025-02-17","endsOn":"2025-07-04"}}""")]
    [InlineData("/api/calendar/school-years", "spring.startsOn", """{"schoolYear":2024,"autumn":{"startsOn":"2024-09-01","endsOn":"2025-02-20"},"spring":{"startsOn":"2025-02-17","endsOn":"2025-07-04"}}""")]
    [InlineData("/api/calendar/school-years", "autumn.startsOn", """{"schoolYear":2024,"autumn":{"startsOn":"2025-09-01","endsOn":"2026-01-17"},"spring":{"startsOn":"2025-02-17","endsOn":"2025-07-04"}}""")]
    [InlineData("/api/calendar/school-years", "spring", """{"schoolYear":2024,"autumn":{"startsOn":"2024-09-01","endsOn":"2025-01-17"}}""")]
    [InlineData("/api/calendar/school-years", "exams[0].date", """{"schoolYear":2024,"autumn":{"startsOn":"2024-09-01","endsOn":"2025-01-17"},"spring":{"startsOn":"2025-02-17","endsOn":"2025-07-04"},"exams":[{"name":"中考","date":"2025-08-01"}]}""")]
    [InlineData("/api/calendar/holidays", "days[0].kind", """{"year":2025,"days":[{"date":"2025-05-06","kind":"workday"}]}""")]
    [InlineData("/api/calendar/holidays", "days[0].kind", """{"year":2025,"days":[{"date":"2025-05-06","kind":"plausible"}]}""")]
    [InlineData("/api/calendar/holidays", "days[1].date", """{"year":2025,"days":[{"date":"2025-05-01","kind":"holiday"},{"date":"2026-05-01","kind":"holiday"}]}""")]
    [InlineData("/api/calendar/holidays", "days", """{"year":2025,"days":[]}""")]
    public async Task A_bad_year_or_holiday_list_is_400_naming_the_field_and_stores_nothing(string path, string field, string body)
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);

        await AssertRejectedAsync(await admin.PutAsync(path, Raw(body)), field);

        Assert.Equal((0, 0), await app.QueryAsync(async db => (await db.Terms.CountAsync(t => t.BureauId == bureau), await db.Holidays.CountAsync(h => h.BureauId == bureau))));
    }

    [Fact]
    public async Task Only_the_bureau_admin_sets_years_and_holidays()
    {
        var bureau = Guid.NewGuid();
        foreach (var role in new[] { "bureau-officer", "school-admin", "counsellor", "auditor" })
        {
            using var client = app.As(role, bureau, Guid.NewGuid());
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/calendar/school-years", Year2024Body())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/calendar/holidays", HolidaysBody(2025))).StatusCode);
        }
        Assert.Equal(0, await app.QueryAsync(db => db.Terms.CountAsync(t => t.BureauId == bureau)));
    }
}
