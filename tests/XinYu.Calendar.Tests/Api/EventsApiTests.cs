using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Testing;
using static XinYu.Calendar.Tests.Api.Http;

namespace XinYu.Calendar.Tests.Api;

/// <summary>Events planned, assigned, registered for and recorded as held; ActivityHeld published once; required events per school.</summary>
public sealed class EventsApiTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    internal static object EventBody(Guid? schoolId, string kind = "lecture", string startsAt = "2025-06-12T14:00:00+08:00", string title = "让爱更有智慧", int duration = 90) =>
        new { schoolId, kind, title, startsAt, durationMinutes = duration, place = "报告厅" };

    internal static async Task<Guid> PlanAsync(HttpClient client, object body) =>
        (await JsonAsync(await client.PostAsJsonAsync("/api/calendar/events", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static object Held(string heldOn, Guid presenter, int duration = 80, int attendance = 120) =>
        new { heldOn, durationMinutes = duration, presenterStaffIds = new[] { presenter }, attendance };

    private Task<List<OutboxMessage>> OutboxOfAsync(Guid eventId) => app.QueryAsync(db =>
        db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateKey == $"activity:{eventId}").OrderBy(m => m.Sequence).ToListAsync());

    [Fact]
    public async Task A_school_learned_from_SchoolRegistered_on_the_bus_can_have_events_and_an_unknown_one_cannot()
    {
        var bureau = Guid.NewGuid();
        var school = Guid.NewGuid();
        using var admin = app.As("school-admin", bureau, school);
        await AssertRejectedAsync(await admin.PostAsJsonAsync("/api/calendar/events", EventBody(school)), "schoolId");

        var registered = new SchoolRegistered { BureauId = bureau, SchoolId = school, Level = "junior", Urban = true, Boarding = false, StudentCount = 900, LegalEntity = true };
        await app.Services.GetRequiredService<IBus>().Publish(registered);
        await app.Services.GetRequiredService<IBus>().Publish(registered); // redelivered: applied once
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.KnownSchools.AnyAsync(s => s.SchoolId == school)), TimeSpan.FromSeconds(30), "the school learned");

        var id = await PlanAsync(admin, EventBody(school));
        Assert.Equal(1, await app.QueryAsync(db => db.KnownSchools.CountAsync(s => s.SchoolId == school)));
        var stored = await app.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal((bureau, (Guid?)school, "lecture", new DateTimeOffset(2025, 6, 12, 6, 0, 0, TimeSpan.Zero), 90), (stored.BureauId, stored.SchoolId, stored.Kind, stored.StartsAt, stored.DurationMinutes));
    }

    [Fact]
    public async Task Recording_an_event_as_held_publishes_ActivityHeld_once_and_a_different_second_record_is_409()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        using var counsellor = app.As("counsellor", bureau, school);
        var id = await PlanAsync(counsellor, EventBody(school, "group-session", "2025-06-09T15:00:00+08:00"));
        var presenter = await app.KnownStaffAsync(bureau, school, "full-time-psych");

        await JsonAsync(await counsellor.PutAsJsonAsync($"/api/calendar/events/{id}/presenters", new { staffIds = new[] { presenter } }));
        var held = await JsonAsync(await counsellor.PostAsJsonAsync($"/api/calendar/events/{id}/held", Held("2025-06-09", presenter)));
        Assert.Equal(80, held.GetProperty("held").GetProperty("durationMinutes").GetInt32());
        await JsonAsync(await counsellor.PostAsJsonAsync($"/api/calendar/events/{id}/held", Held("2025-06-09", presenter)));
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/calendar/events/{id}/held", Held("2025-06-09", presenter, duration: 200)), "eventId", HttpStatusCode.Conflict);

        var outbox = Assert.Single(await OutboxOfAsync(id));
        Assert.StartsWith("XinYu.Contracts.ActivityHeld,", outbox.MessageType);
        var payload = JsonDocument.Parse(outbox.Payload).RootElement;
        Assert.Equal((school, "group-session", "2025-06-09", 80, 120), (payload.GetProperty("schoolId").GetGuid(), payload.GetProperty("kind").GetString(),
            payload.GetProperty("heldOn").GetString(), payload.GetProperty("durationMinutes").GetInt32(), payload.GetProperty("attendance").GetInt32()));
        Assert.Equal([presenter], payload.GetProperty("presenterStaffIds").EnumerateArray().Select(p => p.GetGuid()));
        // Held events no longer change.
        await AssertRejectedAsync(await counsellor.PutAsJsonAsync($"/api/calendar/events/{id}", EventBody(school)), "eventId", HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("kind", """{"kind":"plausible","title":"讲座","startsAt":"2025-06-12T14:00:00+08:00","durationMinutes":60}""")]
    [InlineData("title", """{"kind":"lecture","title":"  ","startsAt":"2025-06-12T14:00:00+08:00","durationMinutes":60}""")]
    [InlineData("startsAt", """{"kind":"lecture","title":"讲座","startsAt":"2099-06-12T14:00:00+08:00","durationMinutes":60}""")]
    [InlineData("durationMinutes", """{"kind":"lecture","title":"讲座","startsAt":"2025-06-12T14:00:00+08:00","durationMinutes":1}""")]
    [InlineData("classId", """{"kind":"lecture","title":"讲座","startsAt":"2025-06-12T14:00:00+08:00","durationMinutes":60,"classId":"6f1c1f1e-1111-4111-8111-111111111111"}""")]
    [InlineData("schoolId", """{"schoolId":"6f1c1f1e-1111-4111-8111-111111111111","kind":"lecture","title":"讲座","startsAt":"2025-06-12T14:00:00+08:00","durationMinutes":60}""")]
    public async Task A_bad_event_is_400_naming_the_field_and_stores_nothing(string field, string body)
    {
        var bureau = Guid.NewGuid();
        await AssertRejectedAsync(await app.As("bureau-admin", bureau).PostAsync("/api/calendar/events", Raw(body)), field);
        Assert.Equal(0, await app.QueryAsync(db => db.Events.CountAsync(e => e.BureauId == bureau)));
    }

    [Theory]
    [InlineData("body", "")]
    [InlineData("body", "null")]
    [InlineData("durationMinutes", """{"kind":"lecture","title":"讲座","startsAt":"2025-06-12T14:00:00+08:00","durationMinutes":"sixty"}""")]
    public async Task An_empty_or_malformed_body_is_400_naming_the_body_or_the_json_path(string field, string body)
    {
        var bureau = Guid.NewGuid();
        using var response = await app.As("bureau-admin", bureau).PostAsync("/api/calendar/events", Raw(body));
        Assert.DoesNotContain("Implicit body", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRejectedAsync(response, field);
    }

    [Fact]
    public async Task Bad_held_records_are_400_and_publish_nothing()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);
        var id = await PlanAsync(admin, EventBody(null, startsAt: "2025-06-09T09:00:00+08:00"));
        var presenter = await app.KnownStaffAsync(bureau, null, "research-staff");

        await AssertRejectedAsync(await admin.PostAsJsonAsync($"/api/calendar/events/{id}/held", Held("2025-06-11", presenter)), "heldOn");
        await AssertRejectedAsync(await admin.PostAsJsonAsync($"/api/calendar/events/{id}/held", Held("2025-06-09", presenter, attendance: -1)), "attendance");
        await AssertRejectedAsync(await admin.PostAsJsonAsync($"/api/calendar/events/{id}/held", new { heldOn = "2025-06-09", durationMinutes = 60, presenterStaffIds = Array.Empty<Guid>(), attendance = 1 }), "presenterStaffIds");

        Assert.Empty(await OutboxOfAsync(id));
        Assert.Null(await app.QueryAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.HeldOn).SingleAsync()));
    }

    [Fact]
    public async Task School_staff_see_their_school_and_the_bureaus_events_manage_only_their_schools_and_another_school_is_404()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var other = await app.KnownSchoolAsync(bureau);
        var bureauEvent = await PlanAsync(app.As("bureau-admin", bureau), EventBody(null, "campaign-day"));
        var ours = await PlanAsync(app.As("school-admin", bureau, school), EventBody(school));
        var theirs = await PlanAsync(app.As("school-admin", bureau, other), EventBody(other));

        using var mentor = app.As("mentor", bureau, school);
        var seen = (await JsonAsync(await mentor.GetAsync("/api/calendar/events"))).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal([bureauEvent, ours], seen.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await mentor.GetAsync($"/api/calendar/events/{theirs}")).StatusCode);
        var staff = await app.KnownStaffAsync(bureau, school);
        var registered = await JsonAsync(await mentor.PostAsJsonAsync($"/api/calendar/events/{bureauEvent}/registrations", new { staffId = staff }));
        Assert.Equal([staff], registered.GetProperty("registeredStaffIds").EnumerateArray().Select(s => s.GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostAsJsonAsync("/api/calendar/events", EventBody(school))).StatusCode);

        using var counsellor = app.As("counsellor", bureau, school);
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.PutAsJsonAsync($"/api/calendar/events/{theirs}", EventBody(other))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await counsellor.PutAsJsonAsync($"/api/calendar/events/{bureauEvent}", EventBody(null))).StatusCode);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync("/api/calendar/events", EventBody(other)), "schoolId");
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync("/api/calendar/events", EventBody(null)), "schoolId");

        using var officer = app.As("bureau-officer", bureau);
        Assert.Equal(3, (await JsonAsync(await officer.GetAsync("/api/calendar/events"))).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bureau-officer", Guid.NewGuid()).GetAsync($"/api/calendar/events/{ours}")).StatusCode);
    }

    [Fact]
    public async Task Each_schools_required_events_show_which_were_held()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        await SchoolYearsApiTests.SetUpYear2024Async(app, bureau);
        using var admin = app.As("school-admin", bureau, school);
        var presenter = await app.KnownStaffAsync(bureau, school);
        async Task<Guid> HoldAsync(string kind, string day)
        {
            var id = await PlanAsync(admin, EventBody(school, kind, $"{day}T14:00:00+08:00"));
            await JsonAsync(await admin.PostAsJsonAsync($"/api/calendar/events/{id}/held", Held(day, presenter)));
            return id;
        }
        var march = await HoldAsync("lecture", "2025-03-14");
        var day525 = await HoldAsync("campaign-day", "2025-05-23");
        await HoldAsync("group-session", "2025-04-15"); // not a lecture: April stays unheld

        var items = (await JsonAsync(await admin.GetAsync($"/api/calendar/schools/{school}/required?schoolYear=2024"))).EnumerateArray().ToList();
        var held = items.Where(i => i.GetProperty("held").GetBoolean()).Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("from").GetString())).ToList();
        Assert.Equal([("monthly-lecture", "2025-03-03"), ("day-5-25", "2025-05-25")], held);
        Assert.Equal(17, items.Count);
        Assert.Equal([march], items.Single(i => i.GetProperty("from").GetString() == "2025-03-03").GetProperty("heldEventIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([day525], items.Single(i => i.GetProperty("kind").GetString() == "day-5-25").GetProperty("heldEventIds").EnumerateArray().Select(e => e.GetGuid()));

        var otherSchool = await app.KnownSchoolAsync(bureau);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/calendar/schools/{otherSchool}/required?schoolYear=2024")).StatusCode);
    }
}
