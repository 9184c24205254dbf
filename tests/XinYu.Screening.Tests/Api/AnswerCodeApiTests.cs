using MassTransit;
using XinYu.Testing;
using XinYu.Contracts;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auditing;
using static XinYu.Screening.Tests.Api.Seed;

namespace XinYu.Screening.Tests.Api;

/// <summary>Students' one-time answer codes: issuing, redeeming, submitting once, revoking, the guessing limits, the support shown.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class AnswerCodeApiTests(AnswerCodeApp app) : IClassFixture<AnswerCodeApp>
{
    private const string Redeem = "/api/screening/answer-codes/redeem", Submit = "/api/screening/answer-codes/submissions";

    private async Task<(SchoolSeed School, Guid Campaign)> CampaignAsync(string[]? instruments = null, string? windowStart = null, string? windowEnd = null)
    {
        var seed = await SeedSchoolAsync();
        using var admin = app.As("bureau-admin", seed.Bureau);
        var campaign = await JsonAsync(await admin.PostAsJsonAsync("/api/screening/campaigns", new
        {
            name = "2026年秋季普测", instruments = (instruments ?? ["phq-9"]).Select(code => new { code, version = 1 }).ToArray(),
            schoolIds = new[] { seed.School }, grades = new[] { 7 }, windowStart, windowEnd,
            explanation = "本次普查了解同学们近两周的情绪状况。",
        }), HttpStatusCode.Created);
        return (seed, campaign.GetProperty("id").GetGuid());
    }

    private async Task<SchoolSeed> SeedSchoolAsync()
    {
        var seed = new SchoolSeed(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()]);
        await app.QueryAsync(async db =>
        {
            db.Schools.Add(new() { SchoolId = seed.School, BureauId = seed.Bureau });
            db.Classes.Add(new() { ClassId = seed.Class, SchoolId = seed.School, BureauId = seed.Bureau, Grade = 7 });
            db.Classes.Add(new() { ClassId = seed.OtherClass, SchoolId = seed.School, BureauId = seed.Bureau, Grade = 7 });
            foreach (var (id, i) in seed.Students.Select((id, i) => (id, i)))
            {
                db.Students.Add(new() { StudentId = id, BureauId = seed.Bureau, SchoolId = seed.School, ClassId = i % 2 == 0 ? seed.Class : seed.OtherClass, Grade = 7, Level = "none" });
                db.Consents.Add(new() { StudentId = id, Purpose = "screening", Granted = true, OccurredAt = ScreeningApp.Start.AddDays(-20) });
            }
            return await db.SaveChangesAsync();
        });
        return seed;
    }

    private async Task<Dictionary<Guid, (Guid Id, string Code)>> IssueAsync(SchoolSeed s, Guid campaign, string role = "counsellor")
    {
        using var staff = app.As(role, s.Bureau, s.School, s.Class);
        var issued = await JsonAsync(await staff.PostAsync($"/api/screening/campaigns/{campaign}/classes/{s.Class}/answer-codes", null), HttpStatusCode.Created);
        return issued.GetProperty("codes").EnumerateArray().ToDictionary(c => c.GetProperty("studentId").GetGuid(),
            c => (c.GetProperty("codeId").GetGuid(), c.GetProperty("code").GetString()!));
    }

    private static object Phq9Answers(Guid campaign, string code, int[] answers, Guid? submissionId = null, object? extra = null) => new
    {
        campaignId = campaign, code, submissionId = submissionId ?? Guid.NewGuid(), studentId = extra,
        answers = new[] { new { instrumentCode = "phq-9", instrumentVersion = 1, answers } },
    };

    private async Task<List<JsonElement>> CodesOfClassAsync(SchoolSeed s, Guid campaign)
    {
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        return [.. (await JsonAsync(await counsellor.GetAsync($"/api/screening/campaigns/{campaign}/classes/{s.Class}/answer-codes"), HttpStatusCode.OK)).EnumerateArray()];
    }

    [Fact]
    public async Task A_code_shows_the_questions_without_scoring_submits_once_and_a_resend_is_told_already_submitted()
    {
        var (s, campaign) = await CampaignAsync();
        var codes = await IssueAsync(s, campaign, role: "head-teacher");
        Assert.Equal(new[] { s.Students[0], s.Students[2] }.Order(), codes.Keys.Order()); // the class's students, not the other class's
        var (codeId, code) = codes[s.Students[0]];
        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$", code);
        using var student = app.CreateClient();

        // Lower case and a hyphen, as typed from a slip printed in two groups.
        var redeemed = await JsonAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code = code[..4].ToLowerInvariant() + "-" + code[4..] }), HttpStatusCode.OK);
        Assert.Equal("本次普查了解同学们近两周的情绪状况。", redeemed.GetProperty("explanation").GetString());
        var phq9 = Assert.Single(redeemed.GetProperty("instruments").EnumerateArray());
        Assert.Equal(9, phq9.GetProperty("items").GetArrayLength());
        Assert.False(phq9.TryGetProperty("bands", out _) || phq9.TryGetProperty("criticalItems", out _), phq9.ToString());

        var submissionId = Guid.NewGuid();
        var first = await JsonAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, [2, 2, 2, 1, 1, 1, 0, 0, 0], submissionId)), HttpStatusCode.Created);
        Assert.Equal("submitted", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("support").ValueKind);
        foreach (var hidden in new[] { "total", "band", "level", "score", "criticalItemAnswered" }) Assert.False(first.TryGetProperty(hidden, out _), first.ToString());

        var again = await JsonAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, [0, 0, 0, 0, 0, 0, 0, 0, 0], submissionId)), HttpStatusCode.OK);
        Assert.Equal("already-submitted", again.GetProperty("status").GetString());
        await AssertRejectedAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, [0, 0, 0, 0, 0, 0, 0, 0, 0])), "code");
        await AssertRejectedAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code }), "code");

        var stored = Assert.Single(await app.QueryAsync(db => db.Submissions.AsNoTracking().Where(x => x.StudentId == s.Students[0]).ToListAsync()));
        Assert.Equal((campaign, 9), (stored.CampaignId, stored.Total));
        var listed = (await CodesOfClassAsync(s, campaign)).Single(c => c.GetProperty("codeId").GetGuid() == codeId);
        Assert.Equal("used", listed.GetProperty("status").GetString());
        Assert.False(listed.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task A_code_answers_only_for_its_own_student_and_the_campaigns_instruments()
    {
        var (s, campaign) = await CampaignAsync();
        var codes = await IssueAsync(s, campaign);
        var (codeId, code) = codes[s.Students[0]];
        using var student = app.CreateClient();

        var gad7 = new { campaignId = campaign, code, submissionId = Guid.NewGuid(), answers = new[] { new { instrumentCode = "gad-7", instrumentVersion = 1, answers = new int[7] } } };
        await AssertRejectedAsync(await student.PostAsJsonAsync(Submit, gad7), "answers[0].instrumentCode");
        // Another campaign's id with this code: no such code there.
        var (_, otherCampaign) = await CampaignAsync();
        await AssertRejectedAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(otherCampaign, code, new int[9])), "code");
        Assert.Equal(0, await app.QueryAsync(db => db.Submissions.CountAsync(x => x.CampaignId == campaign || x.CampaignId == otherCampaign)));

        // A student id in the body changes nothing: the result is the code's student's.
        await JsonAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, new int[9], extra: s.Students[2])), HttpStatusCode.Created);
        Assert.Equal([s.Students[0]], await app.QueryAsync(db => db.Submissions.Where(x => x.CampaignId == campaign).Select(x => x.StudentId).ToListAsync()));
    }

    [Fact]
    public async Task The_code_of_a_student_who_left_is_refused()
    {
        var (s, campaign) = await CampaignAsync();
        var (_, code) = (await IssueAsync(s, campaign))[s.Students[0]];
        await app.QueryAsync(db => db.Students.Where(x => x.StudentId == s.Students[0]).ExecuteUpdateAsync(u => u.SetProperty(x => x.Active, false)));
        using var student = app.CreateClient();
        await AssertRejectedAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code }), "code");
        await AssertRejectedAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, new int[9])), "code");
        Assert.Equal(0, await app.QueryAsync(db => db.Submissions.CountAsync(x => x.CampaignId == campaign)));
    }

    [Fact]
    public async Task A_revoked_code_is_refused_and_a_reissued_one_works()
    {
        var (s, campaign) = await CampaignAsync();
        var codes = await IssueAsync(s, campaign);
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        using var student = app.CreateClient();
        var (revokedId, revoked) = codes[s.Students[0]];
        var (lostId, lost) = codes[s.Students[2]];

        Assert.Equal("revoked", (await JsonAsync(await counsellor.PostAsync($"/api/screening/answer-codes/{revokedId}/revoke", null), HttpStatusCode.OK)).GetProperty("status").GetString());
        await AssertRejectedAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code = revoked }), "code");
        await AssertRejectedAsync(await counsellor.PostAsync($"/api/screening/answer-codes/{revokedId}/revoke", null), "codeId", HttpStatusCode.Conflict);

        var reissued = await JsonAsync(await counsellor.PostAsync($"/api/screening/answer-codes/{lostId}/reissue", null), HttpStatusCode.Created);
        Assert.Equal(s.Students[2], reissued.GetProperty("studentId").GetGuid());
        var fresh = reissued.GetProperty("code").GetString()!;
        await AssertRejectedAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code = lost }), "code");
        await JsonAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, fresh, new int[9])), HttpStatusCode.Created);
        Assert.Equal(1, await app.QueryAsync(db => db.Submissions.CountAsync(x => x.StudentId == s.Students[2] && x.CampaignId == campaign)));

        // Issuing again gives the student whose code was revoked a new one, and nobody who holds one a second.
        var again = await IssueAsync(s, campaign);
        Assert.Equal([s.Students[0]], again.Keys);
        var states = (await CodesOfClassAsync(s, campaign)).Select(c => c.GetProperty("status").GetString()).Order();
        Assert.Equal(["issued", "revoked", "revoked", "used"], states);
    }

    [Fact]
    public async Task Codes_are_issued_only_for_a_class_the_caller_reaches_in_a_campaign_of_its_school()
    {
        var (s, campaign) = await CampaignAsync();
        var path = $"/api/screening/campaigns/{campaign}/classes/{s.Class}/answer-codes";
        using (var otherHeadTeacher = app.As("head-teacher", s.Bureau, s.School, s.OtherClass))
            Assert.Equal(HttpStatusCode.NotFound, (await otherHeadTeacher.PostAsync(path, null)).StatusCode);
        using (var otherSchool = app.As("counsellor", s.Bureau, Guid.NewGuid()))
            Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync(path)).StatusCode);
        using (var mentor = app.As("mentor", s.Bureau, s.School, s.Class))
            Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostAsync(path, null)).StatusCode);
        using (var anonymous = app.CreateClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, null)).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.AnswerCodes.CountAsync(c => c.CampaignId == campaign)));
    }

    [Fact]
    public async Task A_code_is_refused_before_its_campaigns_window_opens()
    {
        var (s, campaign) = await CampaignAsync(windowStart: "2026-12-01", windowEnd: "2026-12-20");
        var (_, code) = (await IssueAsync(s, campaign))[s.Students[0]];
        using var student = app.CreateClient();
        await AssertRejectedAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code }), "code");
        await AssertRejectedAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, new int[9])), "code");
        Assert.Equal(0, await app.QueryAsync(db => db.Submissions.CountAsync(x => x.CampaignId == campaign)));
    }

    [Fact]
    public async Task One_code_takes_a_limited_number_of_calls_then_locks()
    {
        var (s, campaign) = await CampaignAsync();
        var (_, code) = (await IssueAsync(s, campaign))[s.Students[0]];
        using var student = app.CreateClient();
        for (var i = 0; i < AnswerCodeApp.MaxAttemptsPerCode; i++)
            await JsonAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code }), HttpStatusCode.OK);
        await AssertRejectedAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code }), "code");
        await AssertRejectedAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, new int[9])), "code");
        Assert.Contains("locked", (await CodesOfClassAsync(s, campaign)).Select(c => c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Wrong_codes_for_a_campaign_stop_every_code_of_it_for_the_window_but_not_another_campaigns()
    {
        var (s, campaign) = await CampaignAsync();
        var (_, code) = (await IssueAsync(s, campaign))[s.Students[0]];
        var (s2, other) = await CampaignAsync();
        var (_, otherCode) = (await IssueAsync(s2, other))[s2.Students[0]];
        using var guesser = app.CreateClient();
        string[] guesses = ["AAAAAAAA", "AAAAAAAB", "short", "0O1IL000"];
        foreach (var guess in guesses) await AssertRejectedAsync(await guesser.PostAsJsonAsync(Redeem, new { campaignId = campaign, code = guess }), "code");
        Assert.Equal(AnswerCodeApp.MaxFailuresPerCampaign, guesses.Length);

        await AssertRejectedAsync(await guesser.PostAsJsonAsync(Redeem, new { campaignId = campaign, code }), "code", HttpStatusCode.TooManyRequests);
        await JsonAsync(await guesser.PostAsJsonAsync(Redeem, new { campaignId = other, code = otherCode }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_student_in_crisis_is_told_today_while_a_counsellor_is_on_duty_and_else_the_next_school_day_from_the_calendar()
    {
        // 10:00 on Thursday 15 October 2026 in the bureau's time zone (ScreeningApp.Start).
        var bus = app.Services.GetRequiredService<MassTransit.IBus>();
        var (s, campaign) = await CampaignAsync();
        var (s2, later) = await CampaignAsync();
        foreach (var bureau in new[] { s.Bureau, s2.Bureau })
        {
            await bus.Publish(new TermScheduled { BureauId = bureau, TermId = Guid.NewGuid(), SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 1), EndsOn = new(2027, 1, 15) });
        }
        // The first school's counsellor is in this afternoon; the second's was in this morning only, and Friday is a holiday there.
        await bus.Publish(new DutySlotScheduled { BureauId = s.Bureau, SchoolId = s.School, SlotId = Guid.NewGuid(), CounsellorStaffId = Guid.NewGuid(),
            Date = new(2026, 10, 15), StartsAt = new(14, 0), EndsAt = new(14, 40) });
        await bus.Publish(new DutySlotScheduled { BureauId = s2.Bureau, SchoolId = s2.School, SlotId = Guid.NewGuid(), CounsellorStaffId = Guid.NewGuid(),
            Date = new(2026, 10, 15), StartsAt = new(8, 0), EndsAt = new(8, 40) });
        await bus.Publish(new HolidayListSet { BureauId = s2.Bureau, Year = 2026, Days = [new OfficialDay(new(2026, 10, 16), DayKind.Holiday, "test")] });
        await Eventually.AssertAsync(() => app.QueryAsync(async db => await db.Terms.CountAsync(t => t.BureauId == s.Bureau || t.BureauId == s2.Bureau) == 2
            && await db.DutySlots.CountAsync(d => d.SchoolId == s.School || d.SchoolId == s2.School) == 2
            && await db.HolidayLists.AnyAsync(l => l.BureauId == s2.Bureau)), TimeSpan.FromSeconds(30), "the calendar and the duty rota");

        using var student = app.CreateClient();
        var today = await JsonAsync(await student.PostAsJsonAsync(Submit,
            Phq9Answers(campaign, (await IssueAsync(s, campaign))[s.Students[0]].Code, [1, 1, 0, 0, 0, 0, 0, 0, 1])), HttpStatusCode.Created);
        Assert.Equal("2026-10-15", today.GetProperty("support").GetProperty("contactBy").GetString());
        var monday = await JsonAsync(await student.PostAsJsonAsync(Submit,
            Phq9Answers(later, (await IssueAsync(s2, later))[s2.Students[0]].Code, [1, 1, 0, 0, 0, 0, 0, 0, 1])), HttpStatusCode.Created);
        Assert.Equal("2026-10-19", monday.GetProperty("support").GetProperty("contactBy").GetString());
    }

    [Fact]
    public async Task A_duty_slot_taken_off_the_rota_is_no_longer_promised_even_when_its_cancellation_arrives_first()
    {
        // 10:00 on Thursday 15 October 2026: the counsellor was to be in this afternoon, and tomorrow morning.
        var bus = app.Services.GetRequiredService<MassTransit.IBus>();
        var (s, campaign) = await CampaignAsync();
        await bus.Publish(new TermScheduled { BureauId = s.Bureau, TermId = Guid.NewGuid(), SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 1), EndsOn = new(2027, 1, 15) });
        var (afternoon, tomorrow) = (Guid.NewGuid(), Guid.NewGuid());
        // The cancellation of this afternoon's slot overtakes its scheduling on the way (a later event, delivered first).
        var scheduledAt = DateTimeOffset.UtcNow;
        await bus.Publish(new DutySlotCancelled { BureauId = s.Bureau, SchoolId = s.School, SlotId = afternoon, OccurredAt = scheduledAt.AddMinutes(5) });
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.DutySlots.AnyAsync(d => d.SlotId == afternoon)), TimeSpan.FromSeconds(30), "the cancellation");
        var lateScheduling = Guid.NewGuid();
        await bus.Publish(new DutySlotScheduled { BureauId = s.Bureau, SchoolId = s.School, SlotId = afternoon, CounsellorStaffId = Guid.NewGuid(),
            Date = new(2026, 10, 15), StartsAt = new(14, 0), EndsAt = new(14, 40), OccurredAt = scheduledAt }, c => c.MessageId = lateScheduling);
        await bus.Publish(new DutySlotScheduled { BureauId = s.Bureau, SchoolId = s.School, SlotId = tomorrow, CounsellorStaffId = Guid.NewGuid(),
            Date = new(2026, 10, 16), StartsAt = new(8, 0), EndsAt = new(8, 40), OccurredAt = scheduledAt });
        await Eventually.AssertAsync(() => app.QueryAsync(async db => await db.Terms.AnyAsync(t => t.BureauId == s.Bureau)
            && await db.DutySlots.AnyAsync(d => d.SlotId == tomorrow)
            && await db.Set<XinYu.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.MessageId == lateScheduling)), TimeSpan.FromSeconds(30), "the rota");
        // The older scheduling, consumed after the cancellation, does not bring the slot back.
        Assert.True(await app.QueryAsync(db => db.DutySlots.Where(d => d.SlotId == afternoon).Select(d => d.Cancelled).SingleAsync()));

        using var student = app.CreateClient();
        var result = await JsonAsync(await student.PostAsJsonAsync(Submit,
            Phq9Answers(campaign, (await IssueAsync(s, campaign))[s.Students[0]].Code, [1, 1, 0, 0, 0, 0, 0, 0, 1])), HttpStatusCode.Created);
        Assert.Equal("2026-10-16", result.GetProperty("support").GetProperty("contactBy").GetString());
    }

    [Fact]
    public async Task A_phq9_answered_with_a_code_and_item_9_at_1_raises_the_crisis_warning_and_shows_the_hotline()
    {
        var (s, campaign) = await CampaignAsync();
        var (_, code) = (await IssueAsync(s, campaign))[s.Students[0]];
        using var student = app.CreateClient();
        var submissionId = Guid.NewGuid();

        var result = await JsonAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, [1, 1, 0, 0, 0, 0, 0, 0, 1], submissionId)), HttpStatusCode.Created);
        var support = result.GetProperty("support");
        Assert.Contains("12356", support.GetProperty("hotlines").EnumerateArray().Select(h => h.GetProperty("number").GetString()));
        // Screening knows neither this bureau's calendar nor the school's duty rota: no day is promised.
        Assert.Equal(JsonValueKind.Null, support.GetProperty("contactBy").ValueKind);
        Assert.DoesNotContain("crisis", result.ToString());
        // A resend shows the same support.
        var again = await JsonAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, [1, 1, 0, 0, 0, 0, 0, 0, 1], submissionId)), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, again.GetProperty("support").ValueKind);

        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        var warning = Assert.Single((await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{s.School}/warnings"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal((s.Students[0], "crisis"), (warning.GetProperty("studentId").GetGuid(), warning.GetProperty("level").GetString()));
        Assert.Equal(["ScreeningSubmitted", "RiskLevelChanged", "CrisisWarningRaised"], await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateKey == $"student:{s.Students[0]}").OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync())
            .ContinueWith(t => t.Result.Select(type => type.Split(',')[0].Replace("XinYu.Contracts.", "")).ToList()));
    }

    [Fact]
    public async Task A_code_is_never_stored_or_logged_in_clear()
    {
        var (s, campaign) = await CampaignAsync();
        var codes = await IssueAsync(s, campaign);
        var (codeId, code) = codes[s.Students[0]];
        using var student = app.CreateClient();
        await JsonAsync(await student.PostAsJsonAsync(Redeem, new { campaignId = campaign, code }), HttpStatusCode.OK);
        await JsonAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, [1, 1, 0, 0, 0, 0, 0, 0, 1])), HttpStatusCode.Created);
        await AssertRejectedAsync(await student.PostAsJsonAsync(Submit, Phq9Answers(campaign, code, new int[9])), "code");

        var rows = await app.QueryAsync(async db => new[]
        {
            await db.Database.SqlQuery<string>($"SELECT to_jsonb(t)::text AS \"Value\" FROM answer_codes t").ToListAsync(),
            await db.Database.SqlQuery<string>($"SELECT to_jsonb(t)::text AS \"Value\" FROM submissions t").ToListAsync(),
            await db.Set<AuditEntry>().AsNoTracking().Select(e => e.ResourceId ?? "").ToListAsync(),
            await db.Set<OutboxMessage>().AsNoTracking().Select(m => m.Payload).ToListAsync(),
        }.SelectMany(r => r).ToList());
        Assert.Contains(rows, r => r.Contains(codeId.ToString()));
        foreach (var (_, (_, each)) in codes) Assert.DoesNotContain(rows, r => r.Contains(each));
        Assert.NotEmpty(app.Logs.Lines);
        foreach (var (_, (_, each)) in codes) Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(each));
    }
}
