using System.Net;
using System.Net.Http.Json;
using Ical.Net.CalendarComponents;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Testing;
using static XinYu.Calendar.Tests.Api.Http;

namespace XinYu.Calendar.Tests.Api;

/// <summary>iCalendar feeds: re-parsed into the same events, stable UIDs across edits, revocable tokens.</summary>
public sealed class FeedsApiTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    private static async Task<(Guid Id, string Url)> SubscribeAsync(HttpClient client, object body)
    {
        var feed = await JsonAsync(await client.PostAsJsonAsync("/api/calendar/feeds", body), HttpStatusCode.Created);
        return (feed.GetProperty("id").GetGuid(), feed.GetProperty("url").GetString()!);
    }

    /// <summary>Fetches a feed as a calendar app would: no bearer token, no caller headers.</summary>
    private async Task<HttpResponseMessage> FetchAsync(string url) => await app.CreateClient().GetAsync(new Uri(url).PathAndQuery);

    private async Task<List<CalendarEvent>> ParsedAsync(string url)
    {
        using var response = await FetchAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        Assert.Contains("TZID:Asia/Shanghai", text);
        return Ical.Net.Calendar.Load(text)!.Events.ToList();
    }

    [Fact]
    public async Task A_school_feed_reparses_into_the_same_events_and_an_edited_event_keeps_its_uid_with_a_higher_sequence()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var otherSchool = await app.KnownSchoolAsync(bureau);
        using var admin = app.As("school-admin", bureau, school);
        var lecture = await EventsApiTests.PlanAsync(admin, EventsApiTests.EventBody(school, "lecture", "2025-06-12T14:00:00+08:00", "让爱更有智慧", 90));
        var bureauDay = await EventsApiTests.PlanAsync(app.As("bureau-admin", bureau), EventsApiTests.EventBody(null, "campaign-day", "2025-06-20T09:30:00+08:00", "心理健康宣传日", 120));
        await EventsApiTests.PlanAsync(app.As("school-admin", bureau, otherSchool), EventsApiTests.EventBody(otherSchool));
        var (_, url) = await SubscribeAsync(app.As("head-teacher", bureau, school), new { kind = "school", schoolId = school });

        var events = await ParsedAsync(url);

        Assert.Equal([$"{lecture}@xinyu", $"{bureauDay}@xinyu"], events.Select(e => e.Uid));
        var first = events[0];
        Assert.Equal("让爱更有智慧", first.Summary);
        Assert.Equal("报告厅", first.Location);
        Assert.Equal("Asia/Shanghai", first.DtStart!.TzId);
        Assert.Equal(new DateTime(2025, 6, 12, 14, 0, 0), first.DtStart.Value);
        Assert.Equal(new DateTime(2025, 6, 12, 6, 0, 0, DateTimeKind.Utc), first.DtStart.AsUtc);
        Assert.Equal(new DateTime(2025, 6, 12, 15, 30, 0), first.DtEnd!.Value);
        Assert.Equal(0, first.Sequence);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await JsonAsync(await admin.PutAsJsonAsync($"/api/calendar/events/{lecture}", EventsApiTests.EventBody(school, "lecture", "2025-06-13T16:00:00+08:00", "让爱更有智慧（改期）", 60)));

        var edited = await ParsedAsync(url);
        Assert.Equal([$"{lecture}@xinyu", $"{bureauDay}@xinyu"], edited.Select(e => e.Uid));
        Assert.Equal(("让爱更有智慧（改期）", new DateTime(2025, 6, 13, 16, 0, 0), 1), (edited[0].Summary, edited[0].DtStart!.Value, edited[0].Sequence));
        Assert.True(edited[0].LastModified!.AsUtc > first.LastModified!.AsUtc);
    }

    [Fact]
    public async Task A_teacher_feed_holds_the_events_they_present_or_registered_for()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        using var counsellor = app.As("counsellor", bureau, school);
        var teacher = await app.KnownStaffAsync(bureau, school);
        var presented = await EventsApiTests.PlanAsync(counsellor, EventsApiTests.EventBody(school, "psych-lesson", "2025-06-16T10:00:00+08:00"));
        var attended = await EventsApiTests.PlanAsync(counsellor, EventsApiTests.EventBody(school, "lecture", "2025-06-17T10:00:00+08:00"));
        await EventsApiTests.PlanAsync(counsellor, EventsApiTests.EventBody(school, "drill", "2025-06-18T10:00:00+08:00"));
        await JsonAsync(await counsellor.PutAsJsonAsync($"/api/calendar/events/{presented}/presenters", new { staffIds = new[] { teacher } }));
        await JsonAsync(await counsellor.PostAsJsonAsync($"/api/calendar/events/{attended}/registrations", new { staffId = teacher }));

        var (_, url) = await SubscribeAsync(counsellor, new { kind = "teacher", staffId = teacher });

        Assert.Equal([$"{presented}@xinyu", $"{attended}@xinyu"], (await ParsedAsync(url)).Select(e => e.Uid));
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_is_404_and_only_the_token_hash_is_stored()
    {
        var bureau = Guid.NewGuid();
        using var officer = app.As("bureau-officer", bureau);
        var (id, url) = await SubscribeAsync(officer, new { kind = "bureau" });
        var token = url[(url.LastIndexOf('/') + 1)..];
        Assert.True(token.Length >= 43, token);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(url)).StatusCode);
        var stored = await app.QueryAsync(db => db.Feeds.AsNoTracking().SingleAsync(f => f.Id == id));
        Assert.DoesNotContain(token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);

        // Someone else cannot revoke it; its owner lists and revokes it.
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bureau-officer", bureau).DeleteAsync($"/api/calendar/feeds/{id}")).StatusCode);
        Assert.Equal([id], (await JsonAsync(await officer.GetAsync("/api/calendar/feeds"))).EnumerateArray().Select(f => f.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync($"/api/calendar/feeds/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(url[..^4] + "AAAA")).StatusCode);
        var listed = Assert.Single((await JsonAsync(await officer.GetAsync("/api/calendar/feeds"))).EnumerateArray());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task A_disabled_account_s_feeds_stop_working_when_identity_says_so_and_other_users_feeds_do_not()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var account = Guid.NewGuid();
        using var holder = app.As(new XinYu.Testing.Services.TestCaller("counsellor", bureau, school) { Subject = account.ToString() });
        using var colleague = app.As("counsellor", bureau, school);
        var (_, schoolFeed) = await SubscribeAsync(holder, new { kind = "school", schoolId = school });
        var (_, teacherFeed) = await SubscribeAsync(holder, new { kind = "teacher", staffId = await app.KnownStaffAsync(bureau, school) });
        var (_, colleagueFeed) = await SubscribeAsync(colleague, new { kind = "school", schoolId = school });
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(schoolFeed)).StatusCode);

        var disabled = new StaffAccountDisabled { BureauId = bureau, SchoolId = school, AccountId = account };
        await app.Services.GetRequiredService<IBus>().Publish(disabled);
        await app.Services.GetRequiredService<IBus>().Publish(disabled); // redelivered: applied once
        await Eventually.AssertAsync(async () => (await FetchAsync(schoolFeed)).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30), "the disabled account's feed revoked");

        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(teacherFeed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(colleagueFeed)).StatusCode);
        // Every live feed of the account is gone, whatever its kind.
        Assert.Equal(0, await app.QueryAsync(db => db.Feeds.CountAsync(f => f.OwnerSubject == account.ToString() && f.RevokedAt == null)));
    }

    [Fact]
    public async Task School_staff_cannot_subscribe_to_the_bureau_or_another_school()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var other = await app.KnownSchoolAsync(bureau);
        using var mentor = app.As("mentor", bureau, school);

        await AssertRejectedAsync(await mentor.PostAsJsonAsync("/api/calendar/feeds", new { kind = "bureau" }), "kind");
        await AssertRejectedAsync(await mentor.PostAsJsonAsync("/api/calendar/feeds", new { kind = "school", schoolId = other }), "schoolId");
        await AssertRejectedAsync(await mentor.PostAsJsonAsync("/api/calendar/feeds", new { kind = "plausible" }), "kind");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("auditor", bureau).PostAsJsonAsync("/api/calendar/feeds", new { kind = "bureau" })).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Feeds.CountAsync(f => f.BureauId == bureau)));
    }
    [Fact]
    public async Task A_bureau_feed_shows_the_derived_calendar_as_all_day_items_whose_uids_survive_a_term_change()
    {
        var bureau = Guid.NewGuid();
        await SchoolYearsApiTests.SetUpYear2024Async(app, bureau);
        var (_, url) = await SubscribeAsync(app.As("bureau-admin", bureau), new { kind = "bureau" });

        var items = await ParsedAsync(url);
        Assert.Equal(25, items.Count);
        var day525 = items.Single(e => e.Description!.StartsWith("day-5-25", StringComparison.Ordinal));
        Assert.Equal((new DateOnly(2025, 5, 25), false, "day-5-25; activities on 2025-05-23"), (DateOnly.FromDateTime(day525.DtStart!.Value), day525.DtStart.HasTime, day525.Description));
        var springWeek = items.Where(e => e.Description == "mh-week").OrderBy(e => e.DtStart!.Value).Last();
        Assert.Equal(new DateTime(2025, 2, 17), springWeek.DtStart!.Value);

        using var admin = app.As("bureau-admin", bureau);
        await JsonAsync(await admin.PutAsJsonAsync("/api/calendar/school-years", SchoolYearsApiTests.Year2024Body(springStart: "2025-02-24")));

        var moved = (await ParsedAsync(url)).Single(e => e.Uid == springWeek.Uid);
        Assert.Equal(new DateTime(2025, 2, 24), moved.DtStart!.Value);
    }
    [Fact]
    public async Task A_cancelled_event_stays_in_the_feed_under_its_uid_as_cancelled_and_can_no_longer_be_held()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        using var admin = app.As("school-admin", bureau, school);
        var id = await EventsApiTests.PlanAsync(admin, EventsApiTests.EventBody(school, "parent-school", "2025-06-09T19:00:00+08:00"));
        var (_, url) = await SubscribeAsync(admin, new { kind = "school", schoolId = school });
        Assert.Equal("CONFIRMED", Assert.Single(await ParsedAsync(url)).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("head-teacher", bureau, school).DeleteAsync($"/api/calendar/events/{id}")).StatusCode);
        await JsonAsync(await admin.DeleteAsync($"/api/calendar/events/{id}"));
        await JsonAsync(await admin.DeleteAsync($"/api/calendar/events/{id}"));

        var cancelled = Assert.Single(await ParsedAsync(url));
        Assert.Equal(($"{id}@xinyu", "CANCELLED", 1), (cancelled.Uid, cancelled.Status, cancelled.Sequence));
        await AssertRejectedAsync(await admin.PostAsJsonAsync($"/api/calendar/events/{id}/held",
            new { heldOn = "2025-06-09", durationMinutes = 60, presenterStaffIds = new[] { await app.KnownStaffAsync(bureau, school) }, attendance = 30 }), "eventId", HttpStatusCode.Conflict);
        Assert.Null(await app.QueryAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.HeldOn).SingleAsync()));
    }
}
