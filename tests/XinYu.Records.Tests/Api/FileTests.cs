using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.ServiceDefaults.Auditing;
using XinYu.Testing;

namespace XinYu.Records.Tests.Api;

/// <summary>The file: events into the timeline (once each), the directory's events, sections per role, append-only entries, audit.</summary>
public sealed class FileTests(RecordsApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<RecordsApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private async Task<(TestSchool School, EnrolledStudent Student)> StudentWithHistoryAsync()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "周晓晓")).Single();
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        await (await counsellor.PostJsonAsync($"/api/records/students/{student.Id}/entries",
            new { section = "family-situation", text = "父母离异，随祖母生活" })).JsonAsync(HttpStatusCode.Created);
        await app.QueryAsync(async db =>
        {
            db.Timeline.Add(Consumers.TimelineConsumer<CrisisWarningRaised>.Line(Guid.NewGuid(), student.Id, "crisis-warning-raised", "warnings", school.School,
                DateTimeOffset.UtcNow, new { tier = "class" }, DateTimeOffset.UtcNow));
            db.Timeline.Add(Consumers.TimelineConsumer<ScreeningSubmitted>.Line(Guid.NewGuid(), student.Id, "screening-submitted", "screening", school.School,
                DateTimeOffset.UtcNow, new { band = "severe" }, DateTimeOffset.UtcNow));
            db.Timeline.Add(Consumers.TimelineConsumer<HomeVisitCompleted>.Line(Guid.NewGuid(), student.Id, "home-visit-completed", "home-liaison", school.School,
                DateTimeOffset.UtcNow, new { kind = "special" }, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        return (school, student);
    }

    private static IReadOnlyList<string> Kinds(System.Text.Json.JsonElement file) =>
        file.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()!).Order().ToList();

    [Fact]
    public async Task An_event_delivered_twice_appears_in_the_timeline_once()
    {
        var school = await app.SchoolAsync();
        var enrolled = await app.EnrolAsync(school, "吴一凡", "郑可欣");
        var student = enrolled[0];
        var bus = app.Services.GetRequiredService<IBus>();
        var escalated = new WarningEscalated { BureauId = school.Bureau, SchoolId = school.School, WarningId = Guid.NewGuid(), StudentId = student.Id, FromTier = "class", ToTier = "school" };
        var visit = new HomeVisitCompleted { BureauId = school.Bureau, SchoolId = school.School, VisitId = Guid.NewGuid(), StudentId = student.Id, Kind = "special", VisitedOn = new DateOnly(2026, 11, 2), GuardianAcknowledged = true };

        await bus.Publish(escalated, c => c.MessageId = escalated.MessageId);
        await bus.Publish(escalated, c => c.MessageId = escalated.MessageId);
        await bus.Publish(visit, c => c.MessageId = visit.MessageId);
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Timeline.AnyAsync(t => t.StudentId == student.Id && t.Kind == "home-visit-completed")), Wait,
            "the home visit in the timeline");
        // A redelivery of the same event that arrives late, after the inbox and the line exist: still one line.
        await bus.Publish(escalated, c => c.MessageId = escalated.MessageId);
        // A later event for the same consumer, for another student: once its line is there, the redelivery published
        // before it has been delivered too.
        var later = escalated with { MessageId = Guid.NewGuid(), WarningId = Guid.NewGuid(), StudentId = enrolled[1].Id };
        await bus.Publish(later, c => c.MessageId = later.MessageId);
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Timeline.AnyAsync(t => t.SourceEventId == later.MessageId)), Wait,
            "the event published after the redelivery");

        Assert.Equal(1, await app.QueryAsync(db => db.Timeline.CountAsync(t => t.StudentId == student.Id && t.SourceEventId == escalated.MessageId)));
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var file = await (await counsellor.GetAsync($"/api/records/students/{student.Id}/file")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["home-visit-completed", "warning-escalated"], Kinds(file));
    }

    [Fact]
    public async Task The_directorys_events_teach_records_its_schools_and_classes()
    {
        var bureau = Guid.NewGuid();
        var schoolId = Guid.NewGuid();
        var classId = Guid.NewGuid();
        var bus = app.Services.GetRequiredService<IBus>();
        var registered = new SchoolRegistered { BureauId = bureau, SchoolId = schoolId, Level = "junior", Urban = true, Boarding = false, StudentCount = 900, LegalEntity = true };
        var opened = new ClassOpened { BureauId = bureau, SchoolId = schoolId, ClassId = classId, Grade = 8, EntryYear = 2025 };
        await bus.Publish(registered, c => c.MessageId = registered.MessageId);
        await bus.Publish(opened, c => c.MessageId = opened.MessageId);
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Classes.AnyAsync(c => c.ClassId == classId && c.Grade == 8)), Wait, "the class");
        Assert.True(await app.QueryAsync(db => db.Schools.AnyAsync(s => s.SchoolId == schoolId && s.BureauId == bureau)));

        var closed = new ClassClosed { BureauId = bureau, SchoolId = schoolId, ClassId = classId };
        await bus.Publish(closed, c => c.MessageId = closed.MessageId);
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Classes.AnyAsync(c => c.ClassId == classId && c.Closed)), Wait, "the class closed");
    }

    [Fact]
    public async Task A_schools_older_registration_arriving_after_its_update_changes_nothing_and_a_redelivery_counts_once()
    {
        var (bureau, schoolId) = (Guid.NewGuid(), Guid.NewGuid());
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());
        var bus = app.Services.GetRequiredService<IBus>();
        var updated = new SchoolUpdated { BureauId = bureau, SchoolId = schoolId, Level = "nine-year", Urban = true, Boarding = false, StudentCount = 900, LegalEntity = true, OccurredAt = t.AddMinutes(1) };
        await bus.Publish(updated, c => c.MessageId = updated.MessageId);
        await bus.Publish(updated, c => c.MessageId = updated.MessageId); // redelivered
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Schools.AnyAsync(s => s.SchoolId == schoolId)), Wait, "the update");
        var registered = new SchoolRegistered { BureauId = bureau, SchoolId = schoolId, Level = "junior", Urban = true, Boarding = false, StudentCount = 900, LegalEntity = true, OccurredAt = t };
        await bus.Publish(registered, c => c.MessageId = registered.MessageId);
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.Set<XinYu.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == registered.MessageId)),
            Wait, "the late registration consumed");

        var school = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.SchoolId == schoolId));
        Assert.Equal(("nine-year", t.AddMinutes(1), 1), (school.Level, school.SourceChangedAt, school.SourceEvents));
    }

    [Fact]
    public async Task Each_role_sees_only_its_sections()
    {
        var (school, student) = await StudentWithHistoryAsync();
        var url = $"/api/records/students/{student.Id}/file";

        var counsellor = await (await app.As("counsellor", school.Bureau, school.School).GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("周晓晓", counsellor.GetProperty("basic").GetProperty("name").GetString());
        Assert.Equal("父母离异，随祖母生活", counsellor.GetProperty("familySituation")[0].GetProperty("text").GetString());
        Assert.Equal(["crisis-warning-raised", "home-visit-completed", "screening-submitted"], Kinds(counsellor));

        var headTeacher = await (await app.As("head-teacher", school.Bureau, school.School, school.ClassA).GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("周晓晓", headTeacher.GetProperty("basic").GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, headTeacher.GetProperty("familySituation").ValueKind);
        Assert.Equal(["crisis-warning-raised", "home-visit-completed"], Kinds(headTeacher));

        var schoolAdmin = await (await app.As("school-admin", school.Bureau, school.School).GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(Kinds(schoolAdmin));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, schoolAdmin.GetProperty("guardians").ValueKind);

        var officerBody = await (await app.As("bureau-officer", school.Bureau).GetAsync(url)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("周晓晓", officerBody);
        Assert.DoesNotContain("王建国", officerBody);
        Assert.Contains("crisis-warning-raised", officerBody);
        Assert.DoesNotContain("screening-submitted", officerBody);

        // Another class's head teacher, another school's counsellor, another bureau: as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("head-teacher", school.Bureau, school.School, school.ClassB).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("counsellor", school.Bureau, Guid.NewGuid()).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("bureau-admin", Guid.NewGuid()).GetAsync(url)).StatusCode);
        // Roles the matrix refuses: 403, and audited.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("mentor", school.Bureau, school.School, school.ClassA).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As(Testing.Services.TestCaller.Partner(school.Bureau, "hospital-1", "xinyu.referrals")).GetAsync(url)).StatusCode);
        var trail = await app.QueryAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.StudentId == student.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(4, trail.Count(a => a == "read"));
        Assert.Equal(5, trail.Count(a => a == "denied"));
    }

    [Fact]
    public async Task Counselling_notes_need_a_stated_purpose_and_are_only_for_counsellors()
    {
        var (school, student) = await StudentWithHistoryAsync();
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        await (await counsellor.PostJsonAsync($"/api/records/schools/{school.School}/sessions", new
        {
            counsellorStaffId = await app.StaffAsync(school), kind = "individual", heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            durationMinutes = 45, studentIds = new[] { student.Id }, notes = "考试焦虑，睡眠差", followUp = "两周后复谈",
        })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/records/students/{student.Id}/counselling-notes";

        await (await counsellor.GetAsync(url)).AssertRejectedAsync("X-Purpose");
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Purpose", "follow-up session");
        var notes = await (await counsellor.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("考试焦虑，睡眠差", notes[0].GetProperty("notes").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("head-teacher", school.Bureau, school.School, school.ClassA).GetAsync(url)).StatusCode);
        var file = await (await app.As("head-teacher", school.Bureau, school.School, school.ClassA).GetAsync($"/api/records/students/{student.Id}/file"))
            .Content.ReadAsStringAsync();
        Assert.DoesNotContain("考试焦虑", file);
        Assert.DoesNotContain("counselling-session-held", file);
        var audited = await app.QueryAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .SingleAsync(a => a.StudentId == student.Id && a.ResourceType == "counselling-note" && a.Action == "read"));
        Assert.Equal("follow-up session", audited.Purpose);
    }

    [Fact]
    public async Task A_correction_is_a_new_entry_and_the_original_stays()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "孙悦")).Single();
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var url = $"/api/records/students/{student.Id}/entries";
        var first = await (await counsellor.PostJsonAsync(url, new { section = "psychological-status", text = "情绪稳定" })).JsonAsync(HttpStatusCode.Created);
        var firstId = first.GetProperty("id").GetGuid();
        await (await counsellor.PostJsonAsync(url, new { section = "psychological-status", text = "情绪低落（更正）", corrects = firstId })).JsonAsync(HttpStatusCode.Created);
        await (await counsellor.PostJsonAsync(url, new { section = "psychological-status", text = "x", corrects = Guid.NewGuid() })).AssertRejectedAsync("corrects");
        await (await counsellor.PostJsonAsync(url, new { section = "diagnosis", text = "x" })).AssertRejectedAsync("section");

        var file = await (await counsellor.GetAsync($"/api/records/students/{student.Id}/file")).JsonAsync(HttpStatusCode.OK);
        var entries = file.GetProperty("psychologicalStatus").EnumerateArray().ToList();
        Assert.Equal(["情绪稳定", "情绪低落（更正）"], entries.Select(e => e.GetProperty("text").GetString()));
        Assert.Equal(firstId, entries[1].GetProperty("corrects").GetGuid());
        var raw = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT text AS \"Value\" FROM file_entries WHERE student_id = {student.Id}").ToListAsync());
        Assert.DoesNotContain(raw, r => r.Contains("情绪"));
    }

    [Fact]
    public async Task The_printed_file_is_html_of_the_callers_sections_and_the_export_is_audited()
    {
        var (school, student) = await StudentWithHistoryAsync();
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        using var response = await counsellor.GetAsync($"/api/records/students/{student.Id}/print?sections=basic,family-situation");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("周晓晓", html);
        Assert.Contains("父母离异", html);
        Assert.DoesNotContain("危机预警", html); // the warnings section is not asked for

        var headTeacherHtml = await (await app.As("head-teacher", school.Bureau, school.School, school.ClassA)
            .GetAsync($"/api/records/students/{student.Id}/print?sections=basic,family-situation")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("父母离异", headTeacherHtml);
        var exports = await app.QueryAsync(db => db.Set<AuditEntry>().AsNoTracking().CountAsync(a => a.StudentId == student.Id && a.Action == "export"));
        Assert.Equal(2, exports);
    }

    [Fact]
    public async Task The_bureau_overview_counts_by_school_and_section_without_names()
    {
        var (school, student) = await StudentWithHistoryAsync();
        await app.EnrolAsync(await app.SchoolAsync(school.Bureau), "郑一", "郑二");
        var body = await (await app.As("bureau-officer", school.Bureau).GetAsync("/api/records/bureau/overview")).Content.ReadAsStringAsync();
        var overview = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(3, overview.GetProperty("activeStudents").GetInt32());
        var first = overview.GetProperty("schools").EnumerateArray().Single(s => s.GetProperty("schoolId").GetGuid() == school.School);
        Assert.Equal(1, first.GetProperty("timelineBySection").GetProperty("warnings").GetInt32());
        Assert.DoesNotContain("周晓晓", body);
        Assert.DoesNotContain(student.Id.ToString(), body);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("counsellor", school.Bureau, school.School).GetAsync("/api/records/bureau/overview")).StatusCode);
    }

    [Fact]
    public async Task A_file_with_200_events_reads_whole_and_in_order()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "时间线")).Single();
        var start = DateTimeOffset.UtcNow.AddDays(-200);
        var kinds = new[] { ("screening-submitted", "screening"), ("risk-level-changed", "warnings"), ("home-visit-completed", "home-liaison"), ("referral-made", "referrals") };
        await app.QueryAsync(async db =>
        {
            for (var i = 0; i < 200; i++)
            {
                var (kind, section) = kinds[i % kinds.Length];
                db.Timeline.Add(Consumers.TimelineConsumer<ScreeningSubmitted>.Line(Guid.NewGuid(), student.Id, kind, section, school.School,
                    start.AddDays(200 - i), new { i }, DateTimeOffset.UtcNow));
            }
            return await db.SaveChangesAsync();
        });
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var url = $"/api/records/students/{student.Id}/file";
        await counsellor.GetAsync(url); // warm up
        var times = new List<double>();
        System.Text.Json.JsonElement file = default;
        for (var run = 0; run < 20; run++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            file = await (await counsellor.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        output.WriteLine($"file with 200 timeline events: median {times[10]:0.0} ms, slowest {times[^1]:0.0} ms over 20 reads (informational, not asserted)");
        var lines = file.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        Assert.Equal(200, lines.Count);
        Assert.Equal(lines.Order(), lines);
    }
}
