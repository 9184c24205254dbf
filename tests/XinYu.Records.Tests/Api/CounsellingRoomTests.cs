using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Records.Tests.Api;

/// <summary>The counselling room: duty slots, appointments without double-booking, sessions published for workload.</summary>
public sealed class CounsellingRoomTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    private static string Tomorrow => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");

    private async Task<Guid> SlotAsync(TestSchool school, Guid counsellorStaffId)
    {
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var slot = await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/duty-slots",
            new { counsellorStaffId, date = Tomorrow, startsAt = "10:00:00", endsAt = "10:45:00" })).JsonAsync(HttpStatusCode.Created);
        return slot.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Two_concurrent_bookings_of_one_slot_give_one_booking_and_one_409()
    {
        var school = await app.SchoolAsync();
        var students = await app.EnrolAsync(school, "甲", "乙");
        var slot = await SlotAsync(school, await app.StaffAsync(school));
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        using var headTeacher = app.As("head-teacher", school.Bureau, school.School, school.ClassA);
        var url = $"/api/records/schools/{school.School}/appointments";

        var responses = await Task.WhenAll(
            counsellor.PostJsonAsync(url, new { dutySlotId = slot, studentId = students[0].Id, requestedFor = "student" }),
            headTeacher.PostJsonAsync(url, new { dutySlotId = slot, studentId = students[1].Id, requestedFor = "teacher" }));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var refused = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        await refused.AssertRejectedAsync("dutySlotId", HttpStatusCode.Conflict);
        Assert.Equal(1, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.DutySlotId == slot)));

        // Confirm it; a cancelled booking frees the slot for another request.
        var booked = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).JsonAsync(HttpStatusCode.Created);
        var id = booked.GetProperty("id").GetGuid();
        Assert.Equal("confirmed", (await (await counsellor.PostAsync($"{url}/{id}/confirm", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        await (await counsellor.PostAsync($"{url}/{id}/confirm", null)).AssertRejectedAsync("status", HttpStatusCode.Conflict);
        await (await counsellor.PostAsync($"{url}/{id}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        var again = await (await counsellor.PostJsonAsync(url, new { dutySlotId = slot, studentId = students[1].Id })).JsonAsync(HttpStatusCode.Created);
        var againId = again.GetProperty("id").GetGuid();
        await (await counsellor.PostAsync($"{url}/{againId}/confirm", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("no-show", (await (await counsellor.PostAsync($"{url}/{againId}/no-show", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        // Head teachers request but do not decide.
        Assert.Equal(HttpStatusCode.Forbidden, (await headTeacher.PostAsync($"{url}/{againId}/confirm", null)).StatusCode);
    }

    [Fact]
    public async Task A_duty_slot_is_published_so_Screening_can_tell_a_student_when_the_counsellor_is_in()
    {
        var school = await app.SchoolAsync();
        var staff = await app.StaffAsync(school);
        var slot = await SlotAsync(school, staff);

        var published = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("DutySlotScheduled"),
            m => m.Payload.Contains(slot.ToString())).Payload).RootElement;
        Assert.Equal((school.School, staff, Tomorrow, "10:00:00", "10:45:00"), (published.GetProperty("schoolId").GetGuid(),
            published.GetProperty("counsellorStaffId").GetGuid(), published.GetProperty("date").GetString(),
            published.GetProperty("startsAt").GetString(), published.GetProperty("endsAt").GetString()));
    }

    [Fact]
    public async Task A_slot_taken_off_the_rota_is_no_longer_listed_or_bookable_and_Screening_hears_of_it()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "丁")).Single();
        var staff = await app.StaffAsync(school);
        var booked = await SlotAsync(school, staff);
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var slots = $"/api/records/schools/{school.School}/duty-slots";
        var appointment = await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/appointments",
            new { dutySlotId = booked, studentId = student.Id })).JsonAsync(HttpStatusCode.Created);

        // Someone is booked in: refused, nothing changes, nothing published.
        await (await counsellor.PostAsync($"{slots}/{booked}/cancel", null)).AssertRejectedAsync("slotId", HttpStatusCode.Conflict);
        Assert.Null(await app.QueryAsync(db => db.DutySlots.Where(s => s.Id == booked).Select(s => s.CancelledAt).SingleAsync()));
        Assert.DoesNotContain(await app.OutboxAsync("DutySlotCancelled"), m => m.Payload.Contains(booked.ToString()));

        // Another school's staff reach neither the slot nor its school.
        var other = await app.SchoolAsync();
        using (var stranger = await app.As("school-admin", other.Bureau, other.School).PostAsync($"/api/records/schools/{other.School}/duty-slots/{booked}/cancel", null))
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        // With the appointment cancelled the slot comes off: gone from the rota, not bookable, its time free again.
        await (await counsellor.PostAsync($"/api/records/schools/{school.School}/appointments/{appointment.GetProperty("id").GetGuid()}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        await (await counsellor.PostAsync($"{slots}/{booked}/cancel", null)).JsonAsync(HttpStatusCode.OK);
        await (await counsellor.PostAsync($"{slots}/{booked}/cancel", null)).JsonAsync(HttpStatusCode.OK); // again: as the first time
        var rota = await (await counsellor.GetAsync($"{slots}?from={Tomorrow}&to={Tomorrow}")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(rota.EnumerateArray(), s => s.GetProperty("id").GetGuid() == booked);
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/appointments", new { dutySlotId = booked, studentId = student.Id }))
            .AssertRejectedAsync("dutySlotId");
        Assert.NotEqual(booked, await SlotAsync(school, staff)); // the same counsellor, day and time: on the rota again

        var published = Assert.Single(await app.OutboxAsync("DutySlotCancelled"), m => m.Payload.Contains(booked.ToString()));
        Assert.DoesNotContain(student.Id.ToString(), published.Payload);
    }

    [Fact]
    public async Task A_head_teacher_books_only_for_their_own_class()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "丙")).Single(); // class A
        var slot = await SlotAsync(school, await app.StaffAsync(school));
        await (await app.As("head-teacher", school.Bureau, school.School, school.ClassB).PostJsonAsync($"/api/records/schools/{school.School}/appointments",
            new { dutySlotId = slot, studentId = student.Id })).AssertRejectedAsync("studentId");
    }

    [Fact]
    public async Task A_counsellor_is_on_duty_once_per_time()
    {
        var school = await app.SchoolAsync();
        var staff = await app.StaffAsync(school);
        await SlotAsync(school, staff);
        await (await app.As("counsellor", school.Bureau, school.School).PostJsonAsync($"/api/records/schools/{school.School}/duty-slots",
            new { counsellorStaffId = staff, date = Tomorrow, startsAt = "10:00:00", endsAt = "10:30:00" })).AssertRejectedAsync("startsAt", HttpStatusCode.Conflict);
        await (await app.As("counsellor", school.Bureau, school.School).PostJsonAsync($"/api/records/schools/{school.School}/duty-slots",
            new { counsellorStaffId = staff, date = Tomorrow, startsAt = "11:00:00", endsAt = "10:30:00" })).AssertRejectedAsync("endsAt");
    }

    [Fact]
    public async Task A_group_session_is_published_for_workload_with_encrypted_notes_and_joins_each_timeline()
    {
        var school = await app.SchoolAsync();
        var students = await app.EnrolAsync(school, "丁", "戊", "己");
        var staff = await app.StaffAsync(school);
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var session = await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", new
        {
            counsellorStaffId = staff, kind = "group", heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), durationMinutes = 90,
            studentIds = students.Select(s => s.Id), notes = "人际交往团体辅导第一次", followUp = "下周继续",
        })).JsonAsync(HttpStatusCode.Created);
        var sessionId = session.GetProperty("id").GetGuid();

        var held = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("CounsellingSessionHeld"),
            m => m.Payload.Contains(sessionId.ToString())).Payload).RootElement;
        Assert.Equal(("group", 90, staff), (held.GetProperty("kind").GetString(), held.GetProperty("durationMinutes").GetInt32(), held.GetProperty("counsellorStaffId").GetGuid()));
        Assert.Equal(students.Select(s => s.Id).Order(), held.GetProperty("studentIds").EnumerateArray().Select(e => e.GetGuid()).Order());
        Assert.DoesNotContain("人际交往", held.GetRawText());
        var ids = students.Select(s => s.Id).ToList();
        var lines = await app.QueryAsync(db => db.Timeline.AsNoTracking().Where(t => ids.Contains(t.StudentId) && t.Kind == "counselling-session-held").ToListAsync());
        Assert.Equal(3, lines.Count(t => t.Details.Contains(sessionId.ToString())));
        var raw = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT notes AS \"Value\" FROM counselling_sessions WHERE id = {sessionId}").SingleAsync());
        Assert.DoesNotContain("人际交往", raw);

        // An individual session names one student; an unknown student is named by position.
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", new
        {
            counsellorStaffId = staff, kind = "individual", heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), durationMinutes = 45,
            studentIds = new[] { students[0].Id, students[1].Id }, notes = "x",
        })).AssertRejectedAsync("studentIds");
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", new
        {
            counsellorStaffId = staff, kind = "group", heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), durationMinutes = 45,
            studentIds = new[] { students[0].Id, Guid.NewGuid() }, notes = "x",
        })).AssertRejectedAsync("studentIds[1]");
    }

    // Issue 15, point 13: the counsellor named in a body is a psych teacher of the caller's school, so no school books
    // sessions (workload, 课时量) to another school's staff.

    [Fact]
    public async Task A_duty_slot_or_session_naming_another_schools_counsellor_is_404_and_stores_and_publishes_nothing()
    {
        var school = await app.SchoolAsync();
        var other = await app.SchoolAsync(school.Bureau);
        var students = await app.EnrolAsync(school, "庚");
        var theirs = await app.StaffAsync(other);
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        object Session(Guid staff) => new
        {
            counsellorStaffId = staff, kind = "individual", heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), durationMinutes = 45,
            studentIds = new[] { students[0].Id }, notes = "x",
        };

        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/duty-slots",
            new { counsellorStaffId = theirs, date = Tomorrow, startsAt = "10:00:00", endsAt = "10:45:00" })).AssertRejectedAsync("counsellorStaffId", HttpStatusCode.NotFound);
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", Session(theirs))).AssertRejectedAsync("counsellorStaffId", HttpStatusCode.NotFound);
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", Session(Guid.NewGuid()))).AssertRejectedAsync("counsellorStaffId", HttpStatusCode.NotFound);
        Assert.False(await app.QueryAsync(db => db.DutySlots.AnyAsync(d => d.SchoolId == school.School)));
        Assert.False(await app.QueryAsync(db => db.Sessions.AnyAsync(d => d.SchoolId == school.School)));
        Assert.DoesNotContain(await app.OutboxAsync("CounsellingSessionHeld"), m => m.Payload.Contains(theirs.ToString()));

        // A teacher of the school who is no psych teacher is the wrong kind: 400 naming the field.
        var subjectTeacher = await app.StaffAsync(school, "subject-teacher");
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", Session(subjectTeacher))).AssertRejectedAsync("counsellorStaffId");

        var ours = await app.StaffAsync(school, "part-time-psych");
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", Session(ours))).JsonAsync(HttpStatusCode.Created);
        await SlotAsync(school, ours);
    }
}
