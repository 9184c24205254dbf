using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Testing;
using static XinYu.Calendar.Tests.Api.Http;

namespace XinYu.Calendar.Tests.Api;

/// <summary>
/// Issue 15, point 13: staff ids in bodies (presenters, held presenters, registrants, teacher feeds) must be staff of
/// the caller's school (or, for a bureau-wide event, of the bureau); another school's staff member is a 404 naming the
/// field, like an unknown id, and nothing changes. So no school can book workload to another school's staff.
/// </summary>
public sealed class StaffIdsInBodiesTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    private sealed record Setup(Guid Bureau, Guid School, Guid Other, Guid Ours, Guid Theirs, Guid EventId, HttpClient Counsellor);

    private async Task<Setup> SetUpAsync()
    {
        var bureau = Guid.NewGuid();
        var school = await app.KnownSchoolAsync(bureau);
        var other = await app.KnownSchoolAsync(bureau);
        var counsellor = app.As("counsellor", bureau, school);
        var id = await EventsApiTests.PlanAsync(counsellor, EventsApiTests.EventBody(school, "lecture", "2025-06-09T15:00:00+08:00"));
        return new Setup(bureau, school, other, await app.KnownStaffAsync(bureau, school), await app.KnownStaffAsync(bureau, other), id, counsellor);
    }

    private Task<(List<Guid> Presenters, List<Guid> Registered, DateOnly? HeldOn)> StoredAsync(Guid eventId) => app.QueryAsync(async db =>
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == eventId);
        return (e.PresenterStaffIds, e.RegisteredStaffIds, e.HeldOn);
    });

    [Fact]
    public async Task Presenters_of_another_school_are_404_and_own_school_presenters_are_assigned()
    {
        var s = await SetUpAsync();
        await AssertRejectedAsync(await s.Counsellor.PutAsJsonAsync($"/api/calendar/events/{s.EventId}/presenters", new { staffIds = new[] { s.Ours, s.Theirs } }),
            "staffIds[1]", HttpStatusCode.NotFound);
        await AssertRejectedAsync(await s.Counsellor.PutAsJsonAsync($"/api/calendar/events/{s.EventId}/presenters", new { staffIds = new[] { Guid.NewGuid() } }),
            "staffIds[0]", HttpStatusCode.NotFound);
        Assert.Empty((await StoredAsync(s.EventId)).Presenters);

        await JsonAsync(await s.Counsellor.PutAsJsonAsync($"/api/calendar/events/{s.EventId}/presenters", new { staffIds = new[] { s.Ours } }));
        Assert.Equal([s.Ours], (await StoredAsync(s.EventId)).Presenters);
    }

    [Fact]
    public async Task A_held_record_naming_another_schools_presenter_is_404_and_publishes_no_workload()
    {
        var s = await SetUpAsync();
        await AssertRejectedAsync(await s.Counsellor.PostAsJsonAsync($"/api/calendar/events/{s.EventId}/held",
            new { heldOn = "2025-06-09", durationMinutes = 90, presenterStaffIds = new[] { s.Theirs }, attendance = 40 }), "presenterStaffIds[0]", HttpStatusCode.NotFound);
        Assert.Null((await StoredAsync(s.EventId)).HeldOn);
        Assert.False(await app.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.AggregateKey == $"activity:{s.EventId}")));

        await JsonAsync(await s.Counsellor.PostAsJsonAsync($"/api/calendar/events/{s.EventId}/held",
            new { heldOn = "2025-06-09", durationMinutes = 90, presenterStaffIds = new[] { s.Ours }, attendance = 40 }));
        Assert.Equal(new DateOnly(2025, 6, 9), (await StoredAsync(s.EventId)).HeldOn);
    }

    [Fact]
    public async Task A_bureau_wide_event_takes_presenters_from_any_school_of_the_bureau_but_not_another_bureaus()
    {
        var s = await SetUpAsync();
        using var admin = app.As("bureau-admin", s.Bureau);
        var id = await EventsApiTests.PlanAsync(admin, EventsApiTests.EventBody(null, "lecture", "2025-06-09T09:00:00+08:00"));
        var research = await app.KnownStaffAsync(s.Bureau, null, "research-staff");
        var foreign = await app.KnownStaffAsync(Guid.NewGuid(), null, "research-staff");
        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/calendar/events/{id}/presenters", new { staffIds = new[] { foreign } }), "staffIds[0]", HttpStatusCode.NotFound);
        await JsonAsync(await admin.PutAsJsonAsync($"/api/calendar/events/{id}/presenters", new { staffIds = new[] { s.Ours, s.Theirs, research } }));
    }

    [Fact]
    public async Task School_staff_register_only_their_own_schools_staff_even_for_a_bureau_event()
    {
        var s = await SetUpAsync();
        var bureauEvent = await EventsApiTests.PlanAsync(app.As("bureau-admin", s.Bureau), EventsApiTests.EventBody(null, "campaign-day"));
        using var mentor = app.As("mentor", s.Bureau, s.School);
        await AssertRejectedAsync(await mentor.PostAsJsonAsync($"/api/calendar/events/{bureauEvent}/registrations", new { staffId = s.Theirs }), "staffId", HttpStatusCode.NotFound);
        await AssertRejectedAsync(await mentor.PostAsJsonAsync($"/api/calendar/events/{s.EventId}/registrations", new { staffId = s.Theirs }), "staffId", HttpStatusCode.NotFound);
        Assert.Empty((await StoredAsync(bureauEvent)).Registered);
        Assert.Empty((await StoredAsync(s.EventId)).Registered);

        await JsonAsync(await mentor.PostAsJsonAsync($"/api/calendar/events/{bureauEvent}/registrations", new { staffId = s.Ours }));
        Assert.Equal([s.Ours], (await StoredAsync(bureauEvent)).Registered);
    }

    [Fact]
    public async Task A_teacher_feed_of_another_schools_staff_member_is_404_and_none_is_created()
    {
        var s = await SetUpAsync();
        await AssertRejectedAsync(await s.Counsellor.PostAsJsonAsync("/api/calendar/feeds", new { kind = "teacher", staffId = s.Theirs }), "staffId", HttpStatusCode.NotFound);
        Assert.False(await app.QueryAsync(db => db.Feeds.AnyAsync(f => f.StaffId == s.Theirs)));
        await JsonAsync(await s.Counsellor.PostAsJsonAsync("/api/calendar/feeds", new { kind = "teacher", staffId = s.Ours }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Staff_learned_from_StaffRegistered_on_the_bus_can_present()
    {
        var s = await SetUpAsync();
        var staff = Guid.NewGuid();
        var registered = new StaffRegistered { BureauId = s.Bureau, SchoolId = s.School, StaffId = staff, Roles = ["full-time-psych"] };
        await app.Services.GetRequiredService<IBus>().Publish(registered);
        await app.Services.GetRequiredService<IBus>().Publish(registered); // redelivered: applied once
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.KnownStaff.AnyAsync(k => k.StaffId == staff)), TimeSpan.FromSeconds(30), "the staff member learned");
        var known = await app.QueryAsync(db => db.KnownStaff.AsNoTracking().SingleAsync(k => k.StaffId == staff));
        Assert.Equal((s.Bureau, (Guid?)s.School, "full-time-psych"), (known.BureauId, known.SchoolId, Assert.Single(known.Roles)));
        await JsonAsync(await s.Counsellor.PutAsJsonAsync($"/api/calendar/events/{s.EventId}/presenters", new { staffIds = new[] { staff } }));
    }
}
