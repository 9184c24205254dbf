using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Outbox;
using static XinYu.Screening.Tests.Api.Seed;

namespace XinYu.Screening.Tests.Api;

/// <summary>Submissions against the real PostgreSQL: scoring, the crisis warning, idempotency, and every refusal.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class SubmissionApiTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task A_phq9_with_item_9_at_1_and_total_3_raises_a_crisis_warning_in_the_school_queue_and_publishes_it()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        using var counsellor = app.As("counsellor", s.Bureau, s.School);

        var result = await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(student, [1, 1, 0, 0, 0, 0, 0, 0, 1])), HttpStatusCode.Created);
        Assert.Equal((3, "minimal", true), (result.GetProperty("total").GetInt32(), result.GetProperty("band").GetString(), result.GetProperty("criticalItemAnswered").GetBoolean()));
        var warningId = result.GetProperty("warningId").GetGuid();

        var queue = await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{s.School}/warnings"), HttpStatusCode.OK);
        var warning = Assert.Single(queue.EnumerateArray());
        Assert.Equal((warningId, student, "crisis", "class", "open"), (warning.GetProperty("id").GetGuid(), warning.GetProperty("studentId").GetGuid(),
            warning.GetProperty("level").GetString(), warning.GetProperty("tier").GetString(), warning.GetProperty("status").GetString()));

        var outbox = await OutboxOfStudentAsync(app, student);
        Assert.Equal(["ScreeningSubmitted", "RiskLevelChanged", "CrisisWarningRaised"], outbox.Select(TypeOf));
        var crisis = JsonDocument.Parse(outbox[2].Payload).RootElement;
        Assert.Equal((warningId, s.School, "screening"), (crisis.GetProperty("warningId").GetGuid(), crisis.GetProperty("schoolId").GetGuid(), crisis.GetProperty("source").GetString()));
        var change = JsonDocument.Parse(outbox[1].Payload).RootElement;
        Assert.Equal(("none", "crisis", 3), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("toRank").GetInt32()));

        // The head teacher of the class sees it in the class queue; the registry shows the student on crisis since now.
        var classQueue = await JsonAsync(await app.As("head-teacher", s.Bureau, s.School, s.Class).GetAsync($"/api/screening/classes/{s.Class}/warnings"), HttpStatusCode.OK);
        Assert.Equal([warningId], classQueue.EnumerateArray().Select(w => w.GetProperty("id").GetGuid()));
        var registry = await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{s.School}/registry"), HttpStatusCode.OK);
        var entry = Assert.Single(registry.EnumerateArray());
        Assert.Equal((student, "crisis"), (entry.GetProperty("studentId").GetGuid(), entry.GetProperty("level").GetString()));
        Assert.Contains("critical-item:phq-9", entry.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        // The result was audited with the change, and another school's attempt to read the student's results too.
        using (var other = await app.As("counsellor", s.Bureau, Guid.NewGuid()).GetAsync($"/api/screening/students/{student}/submissions"))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var audit = await app.QueryAsync(db => db.Set<XinYu.ServiceDefaults.Auditing.AuditEntry>().AsNoTracking()
            .Where(e => e.StudentId == student).Select(e => e.Action + ":" + e.ResourceType).ToListAsync());
        Assert.Contains("create:screening-result", audit);
        Assert.Contains("denied:screening-result", audit);
    }

    [Fact]
    public async Task The_same_submission_id_again_returns_the_stored_result_and_publishes_nothing_more()
    {
        var s = await SchoolAsync(app);
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        var body = Phq9(s.Students[0], [3, 3, 3, 3, 3, 0, 0, 0, 0]);

        var first = await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", body), HttpStatusCode.Created);
        var outboxAfterFirst = (await OutboxOfStudentAsync(app, s.Students[0])).Count;
        var again = await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", body), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("submissionId").GetGuid(), again.GetProperty("submissionId").GetGuid());
        Assert.Equal((15, "moderately-severe"), (again.GetProperty("total").GetInt32(), again.GetProperty("band").GetString()));
        Assert.Equal(1, await app.QueryAsync(db => db.Submissions.CountAsync(x => x.StudentId == s.Students[0])));
        Assert.Equal(outboxAfterFirst, (await OutboxOfStudentAsync(app, s.Students[0])).Count);
        Assert.Equal(2, outboxAfterFirst); // submitted, level none → high; no crisis event (the "high" warning is stored, not a crisis)
        Assert.Equal(1, await app.QueryAsync(db => db.Warnings.CountAsync(w => w.StudentId == s.Students[0] && w.Level == "high")));
    }

    public static TheoryData<string, string> BadSubmissions => new()
    {
        { "answers", """{"instrumentCode":"phq-9","instrumentVersion":1,"answers":[0,0,0,0,0,0,0,0]}""" },
        { "answers[2]", """{"instrumentCode":"phq-9","instrumentVersion":1,"answers":[0,0,4,0,0,0,0,0,1]}""" },
        { "instrumentCode", """{"instrumentCode":"bdi-2","instrumentVersion":1,"answers":[0,0,0,0,0,0,0,0,1]}""" },
        { "instrumentVersion", """{"instrumentCode":"phq-9","instrumentVersion":7,"answers":[0,0,0,0,0,0,0,0,1]}""" },
        { "answers", """{"instrumentCode":"gad-7","instrumentVersion":1}""" },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task A_bad_submission_is_400_naming_the_field_and_nothing_is_stored_or_published(string field, string partial)
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        var json = partial.Insert(1, $"\"submissionId\":\"{Guid.NewGuid()}\",\"studentId\":\"{student}\",");

        using var response = await app.As("counsellor", s.Bureau, s.School)
            .PostAsync("/api/screening/submissions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await AssertRejectedAsync(response, field);
        await AssertNothingFor(student);
    }

    [Fact]
    public async Task Without_consent_the_submission_is_refused_naming_the_student_and_a_withdrawal_counts_from_then_on()
    {
        var s = await SchoolAsync(app, students: 2, consent: false);
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(s.Students[0], [0, 0, 0, 0, 0, 0, 0, 0, 2])), "studentId");
        await AssertNothingFor(s.Students[0]);

        // Granted, then withdrawn later: refused. An older grant arriving late does not undo the withdrawal.
        await app.QueryAsync(async db =>
        {
            await Consumers.ConsentRecordedConsumer.Apply(db, Consent(s, s.Students[1], true, -10));
            await db.SaveChangesAsync();
            await Consumers.ConsentRecordedConsumer.Apply(db, Consent(s, s.Students[1], false, -1));
            await db.SaveChangesAsync();
            await Consumers.ConsentRecordedConsumer.Apply(db, Consent(s, s.Students[1], true, -5));
            return await db.SaveChangesAsync();
        });
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(s.Students[1], [0, 0, 0, 0, 0, 0, 0, 0, 0])), "studentId");
        await AssertNothingFor(s.Students[1]);
    }

    private static XinYu.Contracts.ConsentRecorded Consent(SchoolSeed s, Guid student, bool granted, int days) => new()
    {
        BureauId = s.Bureau, SchoolId = s.School, StudentId = student, Purpose = "screening", Granted = granted,
        OccurredAt = ScreeningApp.Start.AddDays(days),
    };

    [Fact]
    public async Task Another_schools_staff_and_roles_that_do_not_screen_are_refused()
    {
        var s = await SchoolAsync(app);
        var body = Phq9(s.Students[0], [0, 0, 0, 0, 0, 0, 0, 0, 1]);
        await AssertRejectedAsync(await app.As("counsellor", s.Bureau, Guid.NewGuid()).PostAsJsonAsync("/api/screening/submissions", body), "studentId");
        foreach (var role in new[] { "head-teacher", "mentor", "bureau-officer", "auditor" })
        {
            using var response = await app.As(role, s.Bureau, s.School, s.Class).PostAsJsonAsync("/api/screening/submissions", body);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        await AssertNothingFor(s.Students[0]);
    }

    [Fact]
    public async Task A_campaign_submission_outside_its_window_is_refused_and_inside_counts_towards_progress()
    {
        var s = await SchoolAsync(app, students: 4);
        using var admin = app.As("bureau-admin", s.Bureau);
        // Default window: 1–31 October of this year (the clock says 15 October 2026).
        var campaign = await JsonAsync(await admin.PostAsJsonAsync("/api/screening/campaigns", new
        {
            name = "2026年秋季普测", instruments = new[] { new { code = "phq-9", version = 1 } }, schoolIds = new[] { s.School }, grades = new[] { 7 },
        }), HttpStatusCode.Created);
        Assert.Equal(("2026-10-01", "2026-10-31"), (campaign.GetProperty("windowStart").GetString(), campaign.GetProperty("windowEnd").GetString()));
        var campaignId = campaign.GetProperty("id").GetGuid();
        var later = await JsonAsync(await admin.PostAsJsonAsync("/api/screening/campaigns", new
        {
            name = "冬季复测", instruments = new[] { new { code = "phq-9", version = 1 } }, schoolIds = new[] { s.School }, grades = new[] { 7 },
            windowStart = "2026-12-01", windowEnd = "2026-12-20",
        }), HttpStatusCode.Created);

        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions",
            Phq9(s.Students[0], [0, 0, 0, 0, 0, 0, 0, 0, 0], campaignId: later.GetProperty("id").GetGuid())), "campaignId");
        await AssertNothingFor(s.Students[0]);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions",
            new { submissionId = Guid.NewGuid(), studentId = s.Students[0], campaignId, instrumentCode = "gad-7", instrumentVersion = 1, answers = new int[7] }), "instrumentCode");

        await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(s.Students[0], new int[9], campaignId: campaignId)), HttpStatusCode.Created);
        var progress = await JsonAsync(await counsellor.GetAsync($"/api/screening/campaigns/{campaignId}/progress"), HttpStatusCode.OK);
        Assert.Equal((4, 1), (progress.GetProperty("invited").GetInt32(), progress.GetProperty("completed").GetInt32()));
        var classes = progress.GetProperty("schools")[0].GetProperty("classes").EnumerateArray().ToList();
        Assert.Equal(2, classes.Count);
        // Day 15 of 31 (48 % expected): the class with 1 of 2 done is on pace, the other (0 of 2) is behind.
        Assert.Equal([s.OtherClass], progress.GetProperty("classesBehind").EnumerateArray().Select(c => c.GetGuid()));

        // Another school of the bureau does not see this campaign's progress; the bureau does.
        using var other = await app.As("school-admin", s.Bureau, Guid.NewGuid()).GetAsync($"/api/screening/campaigns/{campaignId}/progress");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        await JsonAsync(await app.As("bureau-officer", s.Bureau).GetAsync($"/api/screening/campaigns/{campaignId}/progress"), HttpStatusCode.OK);

        // The head teacher who hands out the slips lists the school's campaigns and sees only their own class's figures.
        using var headTeacher = app.As("head-teacher", s.Bureau, s.School, s.OtherClass);
        var listed = await JsonAsync(await headTeacher.GetAsync("/api/screening/campaigns"), HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("id").GetGuid() == campaignId);
        var own = await JsonAsync(await headTeacher.GetAsync($"/api/screening/campaigns/{campaignId}/progress"), HttpStatusCode.OK);
        Assert.Equal((2, 0), (own.GetProperty("invited").GetInt32(), own.GetProperty("completed").GetInt32()));
        Assert.Equal([s.OtherClass], own.GetProperty("schools")[0].GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("classId").GetGuid()));
        using var report = await headTeacher.GetAsync($"/api/screening/campaigns/{campaignId}/report");
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode); // the school's report stays with its counsellor and administrator
    }

    [Theory]
    [InlineData("schoolIds[0]", """{"name":"x","instruments":[{"code":"phq-9","version":1}],"schoolIds":["00000000-0000-0000-0000-000000000001"],"grades":[7]}""")]
    [InlineData("instruments[0]", """{"name":"x","instruments":[{"code":"plausible","version":1}],"schoolIds":["SCHOOL"],"grades":[7]}""")]
    [InlineData("grades", """{"name":"x","instruments":[{"code":"phq-9","version":1}],"schoolIds":["SCHOOL"],"grades":[13]}""")]
    [InlineData("windowEnd", """{"name":"x","instruments":[{"code":"phq-9","version":1}],"schoolIds":["SCHOOL"],"grades":[7],"windowStart":"2026-10-01","windowEnd":"2026-10-10"}""")]
    [InlineData("name", """{"instruments":[{"code":"phq-9","version":1}],"schoolIds":["SCHOOL"],"grades":[7]}""")]
    public async Task A_bad_campaign_is_400_naming_the_field(string field, string json)
    {
        var s = await SchoolAsync(app, students: 0);
        using var response = await app.As("bureau-admin", s.Bureau).PostAsync("/api/screening/campaigns",
            new StringContent(json.Replace("SCHOOL", s.School.ToString()), System.Text.Encoding.UTF8, "application/json"));
        await AssertRejectedAsync(response, field);
        Assert.Equal(0, await app.QueryAsync(db => db.Campaigns.CountAsync(c => c.BureauId == s.Bureau)));
    }

    private async Task AssertNothingFor(Guid student)
    {
        Assert.Equal(0, await app.QueryAsync(db => db.Submissions.CountAsync(x => x.StudentId == student)));
        Assert.Equal(0, await app.QueryAsync(db => db.Warnings.CountAsync(x => x.StudentId == student)));
        Assert.Empty(await OutboxOfStudentAsync(app, student));
    }
}
