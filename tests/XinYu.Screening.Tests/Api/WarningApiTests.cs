using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Screening.Jobs;
using static XinYu.Screening.Tests.Api.Seed;

namespace XinYu.Screening.Tests.Api;

/// <summary>The three-level warning with a controllable clock: escalation, acknowledgement, observations, the registry.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class WarningApiTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    private Task<int> SweepAsync() => app.Services.GetRequiredService<EscalationSweep>().SweepAsync(CancellationToken.None);

    private async Task<Guid> CrisisAsync(SchoolSeed s, Guid student)
    {
        var result = await JsonAsync(await app.As("counsellor", s.Bureau, s.School).PostAsJsonAsync("/api/screening/submissions",
            Phq9(student, [0, 0, 0, 0, 0, 0, 0, 0, 1])), HttpStatusCode.Created);
        return result.GetProperty("warningId").GetGuid();
    }

    private Task<XinYu.Screening.Domain.Warning> WarningAsync(Guid id) => app.QueryAsync(db => db.Warnings.AsNoTracking().SingleAsync(w => w.Id == id));

    [Fact]
    public async Task An_unacknowledged_crisis_warning_moves_class_to_school_to_bureau_an_hour_at_a_time()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        var id = await CrisisAsync(s, student);

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await SweepAsync();
        Assert.Equal("class", (await WarningAsync(id)).Tier);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();
        Assert.Equal("school", (await WarningAsync(id)).Tier);
        // At school tier the head teacher no longer acknowledges it; the bureau does not see it yet.
        using (var ht = await app.As("head-teacher", s.Bureau, s.School, s.Class).PostAsync($"/api/screening/warnings/{id}/acknowledge", null))
            Assert.Equal(HttpStatusCode.NotFound, ht.StatusCode);
        var bureauQueue = await JsonAsync(await app.As("bureau-officer", s.Bureau).GetAsync("/api/screening/bureau/warnings"), HttpStatusCode.OK);
        Assert.Equal(0, bureauQueue.GetArrayLength());

        app.Clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync();
        var w = await WarningAsync(id);
        Assert.Equal(("bureau", app.Clock.GetUtcNow()), (w.Tier, w.TierSince));
        bureauQueue = await JsonAsync(await app.As("bureau-officer", s.Bureau).GetAsync("/api/screening/bureau/warnings"), HttpStatusCode.OK);
        Assert.Equal([id], bureauQueue.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(student.ToString(), bureauQueue.GetRawText());

        var escalations = (await OutboxOfStudentAsync(app, student)).Where(m => TypeOf(m) == "WarningEscalated")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).Select(p => (p.GetProperty("fromTier").GetString(), p.GetProperty("toTier").GetString())).ToList();
        Assert.Equal([("class", "school"), ("school", "bureau")], escalations);

        // The bureau acknowledges; nothing escalates further.
        var acked = await JsonAsync(await app.As("bureau-admin", s.Bureau).PostAsync($"/api/screening/warnings/{id}/acknowledge", null), HttpStatusCode.OK);
        Assert.Equal("acknowledged", acked.GetProperty("status").GetString());
        Assert.Contains(await OutboxOfStudentAsync(app, student), m => TypeOf(m) == "WarningAcknowledged");
    }

    [Fact]
    public async Task The_queue_tells_when_an_open_warning_escalates_and_acknowledging_clears_it()
    {
        var s = await SchoolAsync(app);
        var id = await CrisisAsync(s, s.Students[0]);
        var raisedAt = (await WarningAsync(id)).TierSince;
        var counsellor = app.As("counsellor", s.Bureau, s.School);

        var queue = await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{s.School}/warnings"), HttpStatusCode.OK);
        var row = Assert.Single(queue.EnumerateArray());
        Assert.Equal(raisedAt.AddHours(1), row.GetProperty("escalatesAt").GetDateTimeOffset()); // CrisisDeadline: 1 h at a tier

        // At the next tier the clock starts again.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync();
        queue = await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{s.School}/warnings"), HttpStatusCode.OK);
        Assert.Equal(app.Clock.GetUtcNow().AddHours(1), Assert.Single(queue.EnumerateArray()).GetProperty("escalatesAt").GetDateTimeOffset());

        var acked = await JsonAsync(await counsellor.PostAsync($"/api/screening/warnings/{id}/acknowledge", null), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, acked.GetProperty("escalatesAt").ValueKind);
    }

    [Fact]
    public async Task An_acknowledged_warning_stays_at_its_tier()
    {
        var s = await SchoolAsync(app);
        var id = await CrisisAsync(s, s.Students[0]);
        // Another class's head teacher may not acknowledge it; this class's may.
        using (var other = await app.As("head-teacher", s.Bureau, s.School, s.OtherClass).PostAsync($"/api/screening/warnings/{id}/acknowledge", null))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        await JsonAsync(await app.As("head-teacher", s.Bureau, s.School, s.Class).PostAsync($"/api/screening/warnings/{id}/acknowledge", null), HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromHours(5));
        await SweepAsync();
        var w = await WarningAsync(id);
        Assert.Equal(("class", false), (w.Tier, w.AcknowledgedAt is null));
        Assert.DoesNotContain(await OutboxOfStudentAsync(app, s.Students[0]), m => TypeOf(m) == "WarningEscalated");
    }

    [Fact]
    public async Task A_warning_is_escalated_by_hand_one_tier_at_a_time_by_those_at_its_tier()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        var id = await CrisisAsync(s, student);
        var path = $"/api/screening/warnings/{id}/escalate";

        // Another class's head teacher and the bureau cannot move it: not theirs (404) or not their role (403).
        using (var other = await app.As("head-teacher", s.Bureau, s.School, s.OtherClass).PostAsync(path, null))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var bureau = await app.As("bureau-admin", s.Bureau).PostAsync(path, null))
            Assert.Equal(HttpStatusCode.Forbidden, bureau.StatusCode);
        Assert.Equal("class", (await WarningAsync(id)).Tier);

        // The class's head teacher judges it beyond the class: school tier now, with a fresh deadline there.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var atSchool = await JsonAsync(await app.As("head-teacher", s.Bureau, s.School, s.Class).PostAsync(path, null), HttpStatusCode.OK);
        Assert.Equal(("school", app.Clock.GetUtcNow().AddHours(1)), (atSchool.GetProperty("tier").GetString(), atSchool.GetProperty("escalatesAt").GetDateTimeOffset()));
        using (var again = await app.As("head-teacher", s.Bureau, s.School, s.Class).PostAsync(path, null))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode); // at school tier it is no longer the head teacher's

        // The counsellor passes it to the bureau; there it goes no further, and the school no longer reaches it to move.
        var atBureau = await JsonAsync(await app.As("counsellor", s.Bureau, s.School).PostAsync(path, null), HttpStatusCode.OK);
        Assert.Equal("bureau", atBureau.GetProperty("tier").GetString());
        using (var top = await app.As("counsellor", s.Bureau, s.School).PostAsync(path, null))
            Assert.Equal(HttpStatusCode.NotFound, top.StatusCode);
        var bureauQueue = await JsonAsync(await app.As("bureau-officer", s.Bureau).GetAsync("/api/screening/bureau/warnings"), HttpStatusCode.OK);
        Assert.Equal([id], bureauQueue.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));

        var escalations = (await OutboxOfStudentAsync(app, student)).Where(m => TypeOf(m) == "WarningEscalated")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).Select(p => (p.GetProperty("fromTier").GetString(), p.GetProperty("toTier").GetString())).ToList();
        Assert.Equal([("class", "school"), ("school", "bureau")], escalations);
    }

    [Fact]
    public async Task An_acknowledged_warning_is_not_escalated_by_hand()
    {
        var s = await SchoolAsync(app);
        var id = await CrisisAsync(s, s.Students[0]);
        var counsellor = app.As("counsellor", s.Bureau, s.School);
        await JsonAsync(await counsellor.PostAsync($"/api/screening/warnings/{id}/acknowledge", null), HttpStatusCode.OK);

        await AssertRejectedAsync(await counsellor.PostAsync($"/api/screening/warnings/{id}/escalate", null), "warningId", HttpStatusCode.Conflict);
        Assert.Equal("class", (await WarningAsync(id)).Tier);
        Assert.DoesNotContain(await OutboxOfStudentAsync(app, s.Students[0]), m => TypeOf(m) == "WarningEscalated");
    }

    [Fact]
    public async Task A_mentor_raises_an_observation_in_their_class_and_sees_only_its_status()
    {
        var s = await SchoolAsync(app);
        using var mentor = app.As("mentor", s.Bureau, s.School, s.Class);
        // Student 1 is in the other class: refused.
        await AssertRejectedAsync(await mentor.PostAsJsonAsync("/api/screening/observations", new { studentId = s.Students[1], level = "high", note = "情绪低落" }), "studentId");
        await AssertRejectedAsync(await mentor.PostAsJsonAsync("/api/screening/observations", new { studentId = s.Students[0], level = "plausible", note = "x" }), "level");

        var raised = await JsonAsync(await mentor.PostAsJsonAsync("/api/screening/observations",
            new { studentId = s.Students[0], level = "crisis", note = "说过不想活了" }), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        var mine = await JsonAsync(await mentor.GetAsync("/api/screening/observations/mine"), HttpStatusCode.OK);
        var status = Assert.Single(mine.EnumerateArray());
        Assert.Equal((id, "open"), (status.GetProperty("id").GetGuid(), status.GetProperty("status").GetString()));
        Assert.False(status.TryGetProperty("details", out _));
        // Another mentor sees nothing of it; the mentor cannot read the school queue.
        Assert.Equal(0, (await JsonAsync(await app.As("mentor", s.Bureau, s.School, s.Class).GetAsync("/api/screening/observations/mine"), HttpStatusCode.OK)).GetArrayLength());
        using (var queue = await mentor.GetAsync($"/api/screening/schools/{s.School}/warnings")) Assert.Equal(HttpStatusCode.Forbidden, queue.StatusCode);

        // The note is encrypted at rest and readable by the counsellor with a stated purpose.
        var stored = await app.QueryAsync(async db =>
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync();
            cmd.CommandText = $"SELECT details FROM warnings WHERE id = '{id}'";
            return (string?)await cmd.ExecuteScalarAsync();
        });
        Assert.DoesNotContain("不想活", stored);
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        await AssertRejectedAsync(await counsellor.GetAsync($"/api/screening/warnings/{id}"), "X-Purpose");
        counsellor.DefaultRequestHeaders.Add("X-Purpose", "crisis follow-up");
        var detail = await JsonAsync(await counsellor.GetAsync($"/api/screening/warnings/{id}"), HttpStatusCode.OK);
        Assert.Equal("说过不想活了", detail.GetProperty("details").GetString());
        Assert.Contains(await OutboxOfStudentAsync(app, s.Students[0]), m => TypeOf(m) == "CrisisWarningRaised" && m.Payload.Contains("\"observation\""));

        // Acknowledged by the counsellor: the mentor sees the new status.
        await JsonAsync(await counsellor.PostAsync($"/api/screening/warnings/{id}/acknowledge", null), HttpStatusCode.OK);
        mine = await JsonAsync(await mentor.GetAsync("/api/screening/observations/mine"), HttpStatusCode.OK);
        Assert.Equal("acknowledged", mine[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_schools_class_queue_is_missing_not_empty()
    {
        var s = await SchoolAsync(app);
        var other = await SchoolAsync(app, bureau: s.Bureau);
        await CrisisAsync(other, other.Students[0]);
        foreach (var role in new[] { "counsellor", "school-admin" })
        {
            using var response = await app.As(role, s.Bureau, s.School).GetAsync($"/api/screening/classes/{other.Class}/warnings");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var unknown = await app.As(role, s.Bureau, s.School).GetAsync($"/api/screening/classes/{Guid.NewGuid()}/warnings");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        var own = await JsonAsync(await app.As("counsellor", other.Bureau, other.School).GetAsync($"/api/screening/classes/{other.Class}/warnings"), HttpStatusCode.OK);
        Assert.Equal(1, own.GetArrayLength());
    }

    /// <summary>Records' StudentTransferred, on the real bus, applied by Screening's own consumer.</summary>
    private async Task TransferAsync(XinYu.Contracts.StudentTransferred transfer)
    {
        await app.Services.GetRequiredService<IBus>().Publish(transfer);
        await XinYu.Testing.Eventually.AssertAsync(() => app.QueryAsync(db => db.Students.AnyAsync(x => x.StudentId == transfer.StudentId && x.SchoolId == transfer.SchoolId)),
            TimeSpan.FromSeconds(30), "the transfer applied");
    }

    [Fact]
    public async Task After_a_transfer_the_open_warning_moves_to_the_new_school_and_the_old_school_sees_nothing()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        var id = await CrisisAsync(s, student);
        var (newSchool, newClass) = (Guid.NewGuid(), Guid.NewGuid());
        await TransferAsync(new XinYu.Contracts.StudentTransferred
        {
            BureauId = s.Bureau, SchoolId = newSchool, FromSchoolId = s.School, StudentId = student, ClassId = newClass, Grade = 8,
            OccurredAt = ScreeningApp.Start,
        });
        var oldQueue = await JsonAsync(await app.As("counsellor", s.Bureau, s.School).GetAsync($"/api/screening/schools/{s.School}/warnings"), HttpStatusCode.OK);
        Assert.Equal(0, oldQueue.GetArrayLength());
        using (var ack = await app.As("counsellor", s.Bureau, s.School).PostAsync($"/api/screening/warnings/{id}/acknowledge", null))
            Assert.Equal(HttpStatusCode.NotFound, ack.StatusCode);
        var newQueue = await JsonAsync(await app.As("head-teacher", s.Bureau, newSchool, newClass).GetAsync($"/api/screening/classes/{newClass}/warnings"), HttpStatusCode.OK);
        Assert.Equal([id], newQueue.EnumerateArray().Select(w => w.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task After_a_transfer_the_old_school_gets_404_on_an_acknowledged_warning_and_keeps_no_screening_record()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        var id = await CrisisAsync(s, student);
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        counsellor.DefaultRequestHeaders.Add("X-Purpose", "crisis follow-up");
        await JsonAsync(await counsellor.PostAsync($"/api/screening/warnings/{id}/acknowledge", null), HttpStatusCode.OK);
        var newSchool = Guid.NewGuid();
        await TransferAsync(new XinYu.Contracts.StudentTransferred
        {
            BureauId = s.Bureau, SchoolId = newSchool, FromSchoolId = s.School, StudentId = student, ClassId = Guid.NewGuid(), Grade = 8,
            OccurredAt = ScreeningApp.Start,
        });

        // The acknowledged warning, with its observation text, is out of the old school's reach.
        using (var detail = await counsellor.GetAsync($"/api/screening/warnings/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        var left = await app.QueryAsync(async db =>
            await db.Warnings.CountAsync(w => w.StudentId == student && w.SchoolId == s.School)
            + await db.Submissions.CountAsync(x => x.StudentId == student && x.SchoolId == s.School)
            + await db.Plans.CountAsync(p => p.StudentId == student && p.SchoolId == s.School)
            + await db.Referrals.CountAsync(r => r.StudentId == student && r.SchoolId == s.School)
            + await db.ReturnAssessments.CountAsync(r => r.StudentId == student && r.SchoolId == s.School));
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task The_bureau_sees_counts_per_school_and_level_without_student_ids()
    {
        var s = await SchoolAsync(app, students: 3);
        await CrisisAsync(s, s.Students[0]);
        await CrisisAsync(s, s.Students[2]);
        var counts = await JsonAsync(await app.As("bureau-officer", s.Bureau).GetAsync("/api/screening/registry/counts"), HttpStatusCode.OK);
        var row = Assert.Single(counts.EnumerateArray());
        Assert.Equal((s.School, "crisis", 2), (row.GetProperty("schoolId").GetGuid(), row.GetProperty("level").GetString(), row.GetProperty("students").GetInt32()));
        Assert.DoesNotContain(s.Students[0].ToString(), counts.GetRawText());
        using var registry = await app.As("bureau-officer", s.Bureau).GetAsync($"/api/screening/schools/{s.School}/registry");
        Assert.Equal(HttpStatusCode.Forbidden, registry.StatusCode);
    }
}
