using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Screening.Data;
using XinYu.ServiceDefaults.Jobs;
using XinYu.Testing.Services;
using static XinYu.Screening.Tests.Api.Seed;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Api;

/// <summary>Plans, referrals with partner hospitals, the return to school, reports and the crisis export.</summary>
[Collection(OneServiceAtATime.Name)]
public sealed class CaseApiTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    private static readonly DateOnly Today = new(2026, 10, 15);

    private async Task<string?> RawAsync(string sql) => await app.QueryAsync(async db =>
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        await db.Database.OpenConnectionAsync();
        cmd.CommandText = sql;
        return (string?)await cmd.ExecuteScalarAsync();
    });

    private async Task<JsonElement> OpenPlanAsync(SchoolSeed s, Guid student, params DateOnly[] followUps) =>
        await JsonAsync(await app.As("counsellor", s.Bureau, s.School).PostAsJsonAsync($"/api/screening/students/{student}/plans", new
        {
            ownerStaffId = s.Counsellor, actions = new[] { "每周一次个别辅导", "与家长沟通安全事项" },
            followUps = followUps.Length == 0 ? [Today.AddDays(7)] : followUps,
        }), HttpStatusCode.Created);

    private Task GrantReferralConsentAsync(Guid student) => app.QueryAsync(db =>
    {
        db.Consents.Add(new Consent { StudentId = student, Purpose = "referral", Granted = true, OccurredAt = ScreeningApp.Start.AddDays(-1) });
        return db.SaveChangesAsync();
    });

    [Fact]
    public async Task One_open_plan_per_student_and_closing_needs_a_review()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(student, [0, 0, 0, 0, 0, 0, 0, 0, 2])), HttpStatusCode.Created);
        var plan = await OpenPlanAsync(s, student);
        var planId = plan.GetProperty("id").GetGuid();

        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/plans",
            new { ownerStaffId = s.Counsellor, actions = new[] { "x" }, followUps = new[] { Today } }), "studentId", HttpStatusCode.Conflict);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/plans/{planId}/close", new { outcome = "improved" }), "reviews");
        // Another school's counsellor does not find the plan.
        using (var other = await app.As("counsellor", s.Bureau, Guid.NewGuid()).PostAsJsonAsync($"/api/screening/plans/{planId}/reviews", new { note = "x" }))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/plans/{planId}/reviews", new { note = "情绪稳定，安全计划落实", level = "attention" }), HttpStatusCode.OK);
        var closed = await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/plans/{planId}/close", new { outcome = "improved" }), HttpStatusCode.OK);
        Assert.Equal(("closed", "improved"), (closed.GetProperty("status").GetString(), closed.GetProperty("outcome").GetString()));

        var types = (await OutboxOfStudentAsync(app, student)).Select(TypeOf).ToList();
        Assert.Equal(["ScreeningSubmitted", "RiskLevelChanged", "CrisisWarningRaised", "InterventionPlanOpened", "RiskLevelChanged", "InterventionPlanClosed"], types);
        var level = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(x => x.StudentId == student));
        Assert.Equal("attention", level.Level);
        Assert.Equal(["review"], level.LevelReasons);
        // Plan texts are encrypted at rest.
        Assert.DoesNotContain("个别辅导", await RawAsync($"SELECT string_agg(text, '|') FROM plan_actions WHERE plan_id = '{planId}'"));
        Assert.DoesNotContain("安全计划", await RawAsync($"SELECT string_agg(note, '|') FROM plan_reviews WHERE plan_id = '{planId}'"));
        // A new plan may be opened once the old one is closed.
        await OpenPlanAsync(s, student);
    }

    [Fact]
    public async Task Overdue_follow_ups_surface_in_the_school_list()
    {
        var s = await SchoolAsync(app);
        var plan = await OpenPlanAsync(s, s.Students[0], Today.AddDays(-3), Today.AddDays(4));
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        var overdue = await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{s.School}/overdue-follow-ups"), HttpStatusCode.OK);
        var row = Assert.Single(overdue.EnumerateArray());
        Assert.Equal((plan.GetProperty("id").GetGuid(), 3), (row.GetProperty("planId").GetGuid(), row.GetProperty("daysOverdue").GetInt32()));

        var followUpId = row.GetProperty("followUpId").GetGuid();
        await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/plans/{plan.GetProperty("id").GetGuid()}/follow-ups/{followUpId}/done", new { note = "已面谈" }), HttpStatusCode.OK);
        Assert.Equal(0, (await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{s.School}/overdue-follow-ups"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task A_follow_up_three_days_overdue_raises_one_school_tier_warning()
    {
        var s = await SchoolAsync(app);
        await OpenPlanAsync(s, s.Students[0], Today.AddDays(-2));
        await OpenPlanAsync(s, s.Students[1], Today.AddDays(-3));
        var sweep = app.Services.GetRequiredService<XinYu.Screening.Jobs.EscalationSweep>();
        await sweep.SweepOverdueFollowUpsAsync(CancellationToken.None);
        await sweep.SweepOverdueFollowUpsAsync(CancellationToken.None); // once per follow-up

        Assert.Equal(0, await app.QueryAsync(db => db.Warnings.CountAsync(w => w.StudentId == s.Students[0])));
        var queue = await JsonAsync(await app.As("counsellor", s.Bureau, s.School).GetAsync($"/api/screening/schools/{s.School}/warnings"), HttpStatusCode.OK);
        var warning = Assert.Single(queue.EnumerateArray());
        Assert.Equal((s.Students[1], "overdue-follow-up", "school", "attention"), (warning.GetProperty("studentId").GetGuid(),
            warning.GetProperty("source").GetString(), warning.GetProperty("tier").GetString(), warning.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task Two_replicas_sweeping_overdue_follow_ups_at_once_raise_one_warning_per_follow_up()
    {
        var s = await SchoolAsync(app, students: 6);
        foreach (var student in s.Students[..3]) await OpenPlanAsync(s, student, Today.AddDays(-4));
        var sweep = app.Services.GetRequiredService<XinYu.Screening.Jobs.EscalationSweep>();

        // Two sweeps at once without the job's lock (a round overlapping a stuck one), both reading before either
        // writes: the rows' own locks decide.
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "warnings",
            () => sweep.SweepOverdueFollowUpsAsync(CancellationToken.None), () => sweep.SweepOverdueFollowUpsAsync(CancellationToken.None));
        // Two replicas' rounds of the job at once, each under the job's lock.
        foreach (var student in s.Students[3..]) await OpenPlanAsync(s, student, Today.AddDays(-4));
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        async Task<int> Round() => await PeriodicJobRound.RunAsync<XinYu.Screening.Jobs.EscalationJob, ScreeningDbContext>(scopes, CancellationToken.None) ?? 0;
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "warnings", Round, Round);

        var raised = await app.QueryAsync(db => db.Warnings.Where(w => s.Students.Contains(w.StudentId) && w.Source == "overdue-follow-up")
            .GroupBy(w => w.StudentId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, s.Students.Length), raised);
    }

    [Fact]
    public async Task A_referral_goes_only_to_an_agency_with_an_enabled_client_of_the_bureau_as_identity_announced()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        await GrantReferralConsentAsync(student);
        var agency = "hosp-" + Guid.NewGuid().ToString("N")[..8];
        var body = new { agencyId = agency, reasonCode = "self-harm-risk", reasonText = "需要专科评估" };
        var bus = app.Services.GetRequiredService<MassTransit.IBus>();

        // Nobody represents it yet, or only another bureau's client does: 400 naming agencyId, nothing stored.
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals", body), "agencyId");
        var clientId = "client-" + agency;
        await bus.Publish(new XinYu.Contracts.PartnerClientRegistered { BureauId = Guid.NewGuid(), ClientId = "other-" + agency, AgencyId = agency, AgencyType = "hospital" });
        await bus.Publish(new XinYu.Contracts.PartnerClientRegistered { BureauId = s.Bureau, ClientId = clientId, AgencyId = agency, AgencyType = "hospital" });
        await XinYu.Testing.Eventually.AssertAsync(() => app.QueryAsync(db => db.AgencyClients.CountAsync(c => c.AgencyId == agency)).ContinueWith(t => t.Result == 2),
            TimeSpan.FromSeconds(30), "the clients learned");
        Assert.Equal(0, await app.QueryAsync(db => db.Referrals.CountAsync(r => r.StudentId == student)));

        await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals", body), HttpStatusCode.Created);

        // Disabled: refused again; enabled: accepted again.
        await bus.Publish(new XinYu.Contracts.PartnerClientDisabled { BureauId = s.Bureau, ClientId = clientId, AgencyId = agency });
        await XinYu.Testing.Eventually.AssertAsync(() => app.QueryAsync(db => db.AgencyClients.AnyAsync(c => c.ClientId == clientId && c.DisabledAt != null)),
            TimeSpan.FromSeconds(30), "the client disabled");
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals", body), "agencyId");
        await bus.Publish(new XinYu.Contracts.PartnerClientEnabled { BureauId = s.Bureau, ClientId = clientId, AgencyId = agency });
        await XinYu.Testing.Eventually.AssertAsync(() => app.QueryAsync(db => db.AgencyClients.AnyAsync(c => c.ClientId == clientId && c.DisabledAt == null)),
            TimeSpan.FromSeconds(30), "the client enabled");
        await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals", body), HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_partner_agencies_a_counsellor_is_offered_are_its_bureaus_with_an_enabled_client_each_once()
    {
        var s = await SchoolAsync(app);
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        var (mine, twice, disabled, foreign) = ("a-" + Guid.NewGuid().ToString("N")[..8], "b-" + Guid.NewGuid().ToString("N")[..8],
            "c-" + Guid.NewGuid().ToString("N")[..8], "d-" + Guid.NewGuid().ToString("N")[..8]);
        var bus = app.Services.GetRequiredService<MassTransit.IBus>();
        await bus.Publish(new XinYu.Contracts.PartnerClientRegistered { BureauId = s.Bureau, ClientId = "client-" + mine, AgencyId = mine, AgencyType = "hospital", DisplayName = "宁波市康宁医院" });
        // One agency with two clients is offered once; a disabled client's agency and another bureau's are not offered.
        foreach (var n in new[] { 1, 2 })
            await bus.Publish(new XinYu.Contracts.PartnerClientRegistered { BureauId = s.Bureau, ClientId = $"client{n}-" + twice, AgencyId = twice, AgencyType = "hospital" });
        await bus.Publish(new XinYu.Contracts.PartnerClientRegistered { BureauId = s.Bureau, ClientId = "client-" + disabled, AgencyId = disabled, AgencyType = "hospital" });
        await bus.Publish(new XinYu.Contracts.PartnerClientRegistered { BureauId = Guid.NewGuid(), ClientId = "client-" + foreign, AgencyId = foreign, AgencyType = "hospital" });
        await XinYu.Testing.Eventually.AssertAsync(() => app.QueryAsync(db => db.AgencyClients.CountAsync(c => new[] { mine, twice, disabled, foreign }.Contains(c.AgencyId)))
            .ContinueWith(t => t.Result == 5), TimeSpan.FromSeconds(30), "the clients learned");
        await bus.Publish(new XinYu.Contracts.PartnerClientDisabled { BureauId = s.Bureau, ClientId = "client-" + disabled, AgencyId = disabled });
        await XinYu.Testing.Eventually.AssertAsync(() => app.QueryAsync(db => db.AgencyClients.AnyAsync(c => c.AgencyId == disabled && c.DisabledAt != null)),
            TimeSpan.FromSeconds(30), "the client disabled");

        var list = (await JsonAsync(await counsellor.GetAsync("/api/screening/partner-agencies"), HttpStatusCode.OK)).EnumerateArray().ToList();
        var offered = list.Select(a => a.GetProperty("agencyId").GetString()).ToList();
        // Named as the bureau registered its client, so the counsellor chooses a hospital by name; an unnamed one by its id.
        var named = list.Single(a => a.GetProperty("agencyId").GetString() == mine);
        Assert.Equal(("宁波市康宁医院", "hospital"), (named.GetProperty("name").GetString(), named.GetProperty("agencyType").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, list.Single(a => a.GetProperty("agencyId").GetString() == twice).GetProperty("name").ValueKind);
        Assert.Contains(mine, offered);
        Assert.Single(offered, a => a == twice);
        Assert.DoesNotContain(disabled, offered);
        Assert.DoesNotContain(foreign, offered);
        // Only those who refer ask: a school admin reads referrals but makes none.
        using var admin = await app.As("school-admin", s.Bureau, s.School).GetAsync("/api/screening/partner-agencies");
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Fact]
    public async Task A_hospital_sees_only_its_referrals_and_their_ids_answers_and_reports_back_then_the_student_returns()
    {
        var s = await SchoolAsync(app);
        var student = s.Students[0];
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        var plan = await OpenPlanAsync(s, student);
        var body = new { agencyId = "hospital-a", reasonCode = "self-harm-risk", reasonText = "学生自述近两周有自伤念头" };

        // No referral consent yet: refused, nothing stored.
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals", body), "studentId");
        Assert.Equal(0, await app.QueryAsync(db => db.Referrals.CountAsync(r => r.StudentId == student)));
        await GrantReferralConsentAsync(student);
        await AgencyAsync(app, s.Bureau, "hospital-a");
        var made = await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals", body), HttpStatusCode.Created);
        var referralId = made.GetProperty("referral").GetProperty("referralId").GetGuid();

        using var hospitalA = app.As(TestCaller.Partner(s.Bureau, "hospital-a", "xinyu.referrals"));
        using var hospitalB = app.As(TestCaller.Partner(s.Bureau, "hospital-b", "xinyu.referrals"));
        var inbox = await JsonAsync(await hospitalA.GetAsync("/api/screening/referrals/inbox"), HttpStatusCode.OK);
        var seen = Assert.Single(inbox.EnumerateArray());
        Assert.Equal(["referralId", "studentId", "schoolId", "reasonCode", "referredAt", "status", "answeredAt", "feedback"], seen.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("自伤", inbox.GetRawText());
        Assert.Equal(0, (await JsonAsync(await hospitalB.GetAsync("/api/screening/referrals/inbox"), HttpStatusCode.OK)).GetArrayLength());
        foreach (var path in new[] { $"/api/screening/referrals/{referralId}" })
            using (var b = await hospitalB.GetAsync(path)) Assert.Equal(HttpStatusCode.NotFound, b.StatusCode);
        using (var b = await hospitalB.PostAsync($"/api/screening/referrals/{referralId}/accept", null)) Assert.Equal(HttpStatusCode.NotFound, b.StatusCode);
        using (var noScope = await app.As(TestCaller.Partner(s.Bureau, "hospital-a", "xinyu.crisis-export")).GetAsync("/api/screening/referrals/inbox"))
            Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);

        await JsonAsync(await hospitalA.PostAsync($"/api/screening/referrals/{referralId}/accept", null), HttpStatusCode.OK);
        await JsonAsync(await hospitalA.PostAsJsonAsync($"/api/screening/referrals/{referralId}/feedback", new { kind = "seen", seenOn = Today }), HttpStatusCode.OK);
        await AssertRejectedAsync(await hospitalA.PostAsJsonAsync($"/api/screening/referrals/{referralId}/feedback", new { kind = "recommendation", recommendation = "plausible" }), "recommendation");
        await JsonAsync(await hospitalA.PostAsJsonAsync($"/api/screening/referrals/{referralId}/feedback", new { kind = "recommendation", recommendation = "inpatient" }), HttpStatusCode.OK);
        var leave = await JsonAsync(await hospitalA.PostAsJsonAsync($"/api/screening/referrals/{referralId}/feedback",
            new { kind = "treatment-leave", leaveFrom = Today, leaveUntil = Today.AddDays(21) }), HttpStatusCode.OK);
        Assert.Equal(3, leave.GetProperty("feedback").GetArrayLength());
        Assert.True(await app.QueryAsync(db => db.Plans.AnyAsync(p => p.Id == plan.GetProperty("id").GetGuid() && p.OnLeave)));

        // The school sees the hospital's answers on its own view.
        var schoolView = await JsonAsync(await counsellor.GetAsync($"/api/screening/students/{student}/referrals"), HttpStatusCode.OK);
        Assert.Equal("accepted", schoolView[0].GetProperty("referral").GetProperty("status").GetString());

        // Return to school: documents and a complete safety plan first.
        var safety = new
        {
            warningSigns = "失眠、回避同伴", internalCoping = "听音乐、散步", socialDistractions = "和同桌一起吃午饭", peopleToAsk = "班主任、母亲",
            professionalsAndCrisisLines = "学校心理老师；12356 心理援助热线", meansSafety = "家中药品由家长保管",
        };
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/return-assessments",
            new { hospitalDocumentsReceived = false, safetyPlan = safety, outcome = "returned" }), "hospitalDocumentsReceived");
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/return-assessments",
            new { hospitalDocumentsReceived = true, safetyPlan = safety with { meansSafety = "" }, outcome = "returned" }), "safetyPlan.meansSafety");
        Assert.Equal(0, await app.QueryAsync(db => db.ReturnAssessments.CountAsync(r => r.StudentId == student)));

        var returned = await JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/return-assessments",
            new { hospitalDocumentsReceived = true, safetyPlan = safety, outcome = "returned" }), HttpStatusCode.Created);
        Assert.Equal(["2026-10-22", "2026-10-29", "2026-11-05", "2026-11-12"], returned.GetProperty("followUps").EnumerateArray().Select(d => d.GetString()));
        var after = await app.QueryAsync(db => db.Plans.Include(p => p.FollowUps).AsNoTracking().SingleAsync(p => p.Id == plan.GetProperty("id").GetGuid()));
        Assert.False(after.OnLeave);
        Assert.Equal(4, after.FollowUps.Count(f => f.Kind == "return-to-school"));
        Assert.DoesNotContain("12356", await RawAsync($"SELECT safety_plan FROM return_assessments WHERE student_id = '{student}'"));
        Assert.DoesNotContain("自伤", await RawAsync($"SELECT reason_text FROM referrals WHERE id = '{referralId}'"));

        var types = (await OutboxOfStudentAsync(app, student)).Select(TypeOf).ToList();
        Assert.Equal(["InterventionPlanOpened", "ReferralMade", "ReferralFeedbackReceived", "ReferralFeedbackReceived", "ReferralFeedbackReceived",
            "ReferralFeedbackReceived", "ReturnToSchoolAssessed"], types);
    }

    [Fact]
    public async Task The_campaign_report_carries_figures_only_and_the_crisis_export_pseudonyms()
    {
        var s = await SchoolAsync(app, students: 4);
        using var admin = app.As("bureau-admin", s.Bureau);
        var campaignId = (await JsonAsync(await admin.PostAsJsonAsync("/api/screening/campaigns", new
        {
            name = "秋季普测", instruments = new[] { new { code = "phq-9", version = 1 } }, schoolIds = new[] { s.School }, grades = new[] { 7 },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(s.Students[0], [0, 0, 0, 0, 0, 0, 0, 0, 1], campaignId: campaignId)), HttpStatusCode.Created);
        await JsonAsync(await counsellor.PostAsJsonAsync("/api/screening/submissions", Phq9(s.Students[1], [3, 3, 3, 3, 3, 3, 2, 0, 0], campaignId: campaignId)), HttpStatusCode.Created);
        await OpenPlanAsync(s, s.Students[0], Today.AddDays(-1));

        var report = await JsonAsync(await app.As("bureau-officer", s.Bureau).GetAsync($"/api/screening/campaigns/{campaignId}/report"), HttpStatusCode.OK);
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal((7, 4, 2, 0.5), (row.GetProperty("grade").GetInt32(), row.GetProperty("invited").GetInt32(), row.GetProperty("completed").GetInt32(), row.GetProperty("coverage").GetDouble()));
        Assert.Equal((1, 1, 2), (row.GetProperty("levels").GetProperty("crisis").GetInt32(), row.GetProperty("levels").GetProperty("high").GetInt32(), row.GetProperty("levels").GetProperty("none").GetInt32()));
        Assert.Equal((2, 1), (row.GetProperty("openWarnings").GetInt32(), row.GetProperty("overduePlans").GetInt32()));
        Assert.All(s.Students, id => Assert.DoesNotContain(id.ToString(), report.GetRawText()));

        var export = await JsonAsync(await app.As(TestCaller.Partner(s.Bureau, "provincial-platform", "xinyu.crisis-export")).GetAsync("/api/screening/crisis-export"), HttpStatusCode.OK);
        Assert.Equal(1, export.GetProperty("formatVersion").GetInt32());
        var cases = export.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["crisis", "high"], cases.Select(c => c.GetProperty("level").GetString()));
        Assert.Equal(["open", "none"], cases.Select(c => c.GetProperty("planStatus").GetString()));
        Assert.All(s.Students, id => Assert.DoesNotContain(id.ToString(), export.GetRawText()));
        using (var hospital = await app.As(TestCaller.Partner(s.Bureau, "hospital-a", "xinyu.referrals")).GetAsync("/api/screening/crisis-export"))
            Assert.Equal(HttpStatusCode.Forbidden, hospital.StatusCode);
    }
}
