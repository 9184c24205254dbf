using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Testing;
using XinYu.Testing.Services;

namespace XinYu.Staffing.Tests.Api;

/// <summary>
/// A small fixture district, set up through the API and fed Calendar's and Records' events on the real bus, whose
/// compliance, certificate, training and workload figures are worked out by hand in the comments. Today is
/// 2027-01-15 (China): both deadlines (2025-12-31 urban, 2026-12-31 legal entity) have passed; school year 2026.
///
/// <code>
/// School A 一中  senior, urban, legal entity     P1 full-time-psych · K key-teacher + head-teacher · S1 subject · S2 subject + new-hire (hired 2026-09-01)
/// School B 二中  nine-year, rural, legal entity  Q1, Q2 full-time-psych
/// School C 三小  primary, rural, not a legal entity (a teaching point): no staff
/// Bureau         R research-staff
/// </code>
/// </summary>
public sealed class FixtureDistrictTests(ClockedStaffingApp app) : IClassFixture<ClockedStaffingApp>
{
    private sealed record District(Guid Bureau, Guid A, Guid B, Guid C, Guid P1, Guid K, Guid S1, Guid S2, Guid Q1, Guid Q2);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private async Task<Guid> SchoolAsync(Guid bureau, string name, string level, bool urban, bool legal)
    {
        using var admin = app.As("bureau-admin", bureau);
        return await CreatedIdAsync(await admin.PostAsJsonAsync("/api/staffing/schools", new
        {
            name, code = "S-" + Guid.NewGuid().ToString("N")[..8], level, urban, boarding = false, studentCount = 600, legalEntity = legal,
        }));
    }

    private async Task<Guid> StaffAsync(Guid bureau, Guid school, string name, string hired, params string[] roles)
    {
        using var admin = app.As("school-admin", bureau, school);
        return await CreatedIdAsync(await admin.PostAsJsonAsync($"/api/staffing/schools/{school}/staff", new { displayName = name, roles, hireDate = hired }));
    }

    private async Task CertificateAsync(District d, Guid staff, string kind, string issued, string? expires)
    {
        using var admin = app.As("school-admin", d.Bureau, d.A);
        await CreatedIdAsync(await admin.PostAsJsonAsync($"/api/staffing/schools/{d.A}/staff/{staff}/certificates", new { kind, issuedOn = issued, expiresOn = expires }));
    }

    private async Task TrainingAsync(District d, Guid staff, decimal hours, string on)
    {
        using var admin = app.As("school-admin", d.Bureau, d.A);
        await CreatedIdAsync(await admin.PostAsJsonAsync($"/api/staffing/schools/{d.A}/staff/{staff}/training",
            new { course = "心理健康教育专题", provider = "市教研室", hours, completedOn = on, evidenceReference = "PX-2026-001" }));
    }

    private async Task<District> DistrictAsync()
    {
        var bureau = Guid.NewGuid();
        var a = await SchoolAsync(bureau, "一中", "senior", urban: true, legal: true);
        var b = await SchoolAsync(bureau, "二中", "nine-year", urban: false, legal: true);
        var c = await SchoolAsync(bureau, "三小", "primary", urban: false, legal: false);
        var d = new District(bureau, a, b, c,
            await StaffAsync(bureau, a, "心理甲", "2015-09-01", "full-time-psych"),
            await StaffAsync(bureau, a, "骨干乙", "2010-09-01", "key-teacher", "head-teacher"),
            await StaffAsync(bureau, a, "学科丙", "2018-09-01", "subject-teacher"),
            await StaffAsync(bureau, a, "新人丁", "2026-09-01", "subject-teacher", "new-hire"),
            await StaffAsync(bureau, b, "心理戊", "2016-09-01", "full-time-psych"),
            await StaffAsync(bureau, b, "心理己", "2020-09-01", "full-time-psych"));
        using var bureauAdmin = app.As("bureau-admin", bureau);
        await CreatedIdAsync(await bureauAdmin.PostAsJsonAsync("/api/staffing/research-staff",
            new { displayName = "教研员庚", roles = new[] { "research-staff" }, hireDate = "2012-09-01" }));
        return d;
    }

    [Fact]
    public async Task Compliance_reproduces_the_hand_worked_answer()
    {
        var d = await DistrictAsync();

        var bureau = await JsonAsync(await app.As("bureau-officer", d.Bureau).GetAsync("/api/staffing/compliance"));

        // A: senior needs 2 full-time, has 1; urban deadline 2025-12-31 passed → not compliant, one violation.
        // B: nine-year needs primary 1 + junior 1 = 2, has 2; legal-entity deadline 2026-12-31 passed → compliant.
        // C: primary needs 1, has 0, but rural and not a legal entity → no deadline: compliant, two notes.
        // Bureau: 3 schools, 2 compliant; urban 1 of which 1 has a full-time psych teacher; legal entities 2, both have one;
        // research staff 1 ≥ 1. Not compliant overall, because of A.
        Assert.Equal(3, bureau.GetProperty("schools").GetInt32());
        Assert.Equal(2, bureau.GetProperty("compliantSchools").GetInt32());
        Assert.Equal((1, 1), (bureau.GetProperty("urbanSchools").GetInt32(), bureau.GetProperty("urbanSchoolsWithFullTimePsych").GetInt32()));
        Assert.Equal((2, 2), (bureau.GetProperty("legalEntitySchools").GetInt32(), bureau.GetProperty("legalEntitySchoolsWithFullTimePsych").GetInt32()));
        Assert.Equal(1, bureau.GetProperty("researchStaff").GetInt32());
        Assert.True(bureau.GetProperty("researchStaffPresent").GetBoolean());
        Assert.False(bureau.GetProperty("compliant").GetBoolean());
        var bySchool = bureau.GetProperty("schoolResults").EnumerateArray().ToDictionary(s => s.GetProperty("schoolId").GetGuid());
        Assert.False(bySchool[d.A].GetProperty("compliant").GetBoolean());
        Assert.Equal("1 full-time psych teacher(s), the senior standard is 2", Assert.Single(bySchool[d.A].GetProperty("violations").EnumerateArray()).GetString());
        Assert.True(bySchool[d.B].GetProperty("compliant").GetBoolean());
        Assert.Equal(2, bySchool[d.B].GetProperty("requiredFullTimePsych").GetInt32());
        Assert.True(bySchool[d.C].GetProperty("compliant").GetBoolean());
        Assert.Equal(2, bySchool[d.C].GetProperty("notes").GetArrayLength());

        // A's school admin sees its own school's standing, and another school's is as if it did not exist.
        using var adminA = app.As("school-admin", d.Bureau, d.A);
        Assert.False((await JsonAsync(await adminA.GetAsync($"/api/staffing/schools/{d.A}/compliance"))).GetProperty("compliant").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/staffing/schools/{d.B}/compliance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminA.GetAsync("/api/staffing/compliance")).StatusCode);
    }

    [Fact]
    public async Task Certificate_coverage_reproduces_the_hand_worked_answer()
    {
        var d = await DistrictAsync();
        await CertificateAsync(d, d.P1, "c-certificate", "2020-01-01", null);
        await CertificateAsync(d, d.P1, "counselling-qualification", "2021-03-01", "2027-03-01"); // 45 days left: expiring soon
        await CertificateAsync(d, d.K, "b-certificate", "2022-05-01", "2027-05-01");              // 106 days: not within 90
        await CertificateAsync(d, d.S1, "c-certificate", "2019-01-01", "2026-12-31");             // expired

        var coverage = await JsonAsync(await app.As("school-admin", d.Bureau, d.A).GetAsync($"/api/staffing/schools/{d.A}/certificates/coverage"));

        // Teachers P1, K, S1, S2 = 4; valid C or B: P1 (C), K (B) = 2 → 0.5. Head teachers: K, with B → 1 of 1.
        Assert.Equal((4, 2, 0.5m), (coverage.GetProperty("teachers").GetInt32(), coverage.GetProperty("teachersWithC").GetInt32(), coverage.GetProperty("cShare").GetDecimal()));
        Assert.Equal((1, 1), (coverage.GetProperty("headTeachers").GetInt32(), coverage.GetProperty("headTeachersWithB").GetInt32()));
        Assert.Equal(new[] { d.S1, d.S2 }.Order(), coverage.GetProperty("teachersWithoutC").EnumerateArray().Select(e => e.GetGuid()).Order());
        var expiring = Assert.Single(coverage.GetProperty("expiringSoon").EnumerateArray());
        Assert.Equal((d.P1, "counselling-qualification"), (expiring.GetProperty("staffId").GetGuid(), expiring.GetProperty("kind").GetString()));

        // Bureau-wide: A's 4 teachers + B's 2 (no certificates) = 6 teachers, 2 with C → 0.3333.
        var bureau = await JsonAsync(await app.As("bureau-admin", d.Bureau).GetAsync("/api/staffing/certificates/coverage"));
        Assert.Equal((6, 2, 0.3333m, 1), (bureau.GetProperty("teachers").GetInt32(), bureau.GetProperty("teachersWithC").GetInt32(),
            bureau.GetProperty("cShare").GetDecimal(), bureau.GetProperty("expiringSoon").GetInt32()));

        // Only the school's admin records them; a staff member of another school is not found from A.
        using var adminA = app.As("school-admin", d.Bureau, d.A);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PostAsJsonAsync($"/api/staffing/schools/{d.A}/staff/{d.Q1}/certificates",
            new { kind = "c-certificate", issuedOn = "2020-01-01" })).StatusCode);
        var rejected = await adminA.PostAsJsonAsync($"/api/staffing/schools/{d.A}/staff/{d.S2}/certificates", new { kind = "a-certificate", issuedOn = "2020-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("\"kind\"", await rejected.Content.ReadAsStringAsync());
        Assert.Equal(4, await app.QueryAsync(db => db.Certificates.CountAsync(c => c.BureauId == d.Bureau)));
    }

    [Fact]
    public async Task Training_reproduces_the_hand_worked_answer_and_publishes_each_training()
    {
        var d = await DistrictAsync();
        await TrainingAsync(d, d.P1, 12, "2026-10-10");
        await TrainingAsync(d, d.P1, 6, "2026-11-20");
        await TrainingAsync(d, d.K, 30, "2026-12-01");
        await TrainingAsync(d, d.K, 15, "2026-08-20"); // school year 2025: does not count for 2026
        await TrainingAsync(d, d.S1, 5, "2026-09-15");
        await TrainingAsync(d, d.S2, 3, "2026-08-25"); // before starting on 2026-09-01

        var training = await JsonAsync(await app.As("school-admin", d.Bureau, d.A).GetAsync($"/api/staffing/schools/{d.A}/training?schoolYear=2026"));

        // P1 full-time psych: 12 + 6 = 18 of 20 → short 2.
        // K key + head: 30 in the year (15 was 2025's); the higher minimum 40 → short 10.
        // S1 subject: 5 of 5 → meets.
        // S2 subject + new hire: subject 0 of 5 → short 5; new hire 3 before starting of 5 → short 2; the larger, 5, binds.
        // Teachers 4, meeting 1 (S1). Subject teachers S1, S2; taking part in 2026: S1 only → 1/2 = 0.5, not 100 %.
        var rows = training.GetProperty("teacherResults").EnumerateArray().ToDictionary(t => t.GetProperty("staffId").GetGuid());
        (decimal, decimal, decimal) Row(Guid id) => (rows[id].GetProperty("hours").GetDecimal(), rows[id].GetProperty("required").GetDecimal(), rows[id].GetProperty("short").GetDecimal());
        Assert.Equal((18m, 20m, 2m), Row(d.P1));
        Assert.Equal((30m, 40m, 10m), Row(d.K));
        Assert.Equal((5m, 5m, 0m), Row(d.S1));
        Assert.Equal((0m, 5m, 5m), Row(d.S2));
        Assert.Equal("subject-teacher", rows[d.S2].GetProperty("bindingRole").GetString());
        Assert.Equal((4, 1), (training.GetProperty("teachers").GetInt32(), training.GetProperty("teachersMeetingMinimum").GetInt32()));
        Assert.Equal((2, 1, 0.5m, false), (training.GetProperty("subjectTeachers").GetInt32(), training.GetProperty("subjectTeachersParticipating").GetInt32(),
            training.GetProperty("subjectParticipationRate").GetDecimal(), training.GetProperty("subjectParticipationComplete").GetBoolean()));
        Assert.Equal(new[] { d.P1, d.K, d.S2 }.Order(), training.GetProperty("short").EnumerateArray().Select(t => t.GetProperty("staffId").GetGuid()).Order());

        // Bureau: A's 3 short teachers lack 2 + 10 + 5 = 17 h; B's two full-time psych teachers have no hours: 20 + 20 = 40 h.
        var bureau = await JsonAsync(await app.As("bureau-officer", d.Bureau).GetAsync("/api/staffing/training?schoolYear=2026"));
        var schools = bureau.GetProperty("schools").EnumerateArray().ToDictionary(s => s.GetProperty("schoolId").GetGuid());
        Assert.Equal((3, 17m), (schools[d.A].GetProperty("teachersShort").GetInt32(), schools[d.A].GetProperty("hoursShort").GetDecimal()));
        Assert.Equal((2, 40m), (schools[d.B].GetProperty("teachersShort").GetInt32(), schools[d.B].GetProperty("hoursShort").GetDecimal()));
        Assert.Equal((6, 1), (bureau.GetProperty("teachers").GetInt32(), bureau.GetProperty("teachersMeetingMinimum").GetInt32()));

        // Each record published TrainingCompleted, with ids and hours only.
        var published = await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType.StartsWith("XinYu.Contracts.TrainingCompleted,") && m.AggregateKey == $"staff:{d.P1}").ToListAsync());
        Assert.Equal(2, published.Count);
        Assert.All(published, m => Assert.DoesNotContain("心理甲", m.Payload));
        Assert.Equal([12m, 6m], published.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("hours").GetDecimal()).Order().Reverse());
    }

    [Theory]
    [InlineData("hours", """{"course":"c","provider":"p","hours":0,"completedOn":"2026-10-01","evidenceReference":"e"}""")]
    [InlineData("completedOn", """{"course":"c","provider":"p","hours":2,"completedOn":"2027-01-16","evidenceReference":"e"}""")]
    [InlineData("course", """{"provider":"p","hours":2,"completedOn":"2026-10-01","evidenceReference":"e"}""")]
    [InlineData("evidenceReference", """{"course":"c","provider":"p","hours":2,"completedOn":"2026-10-01"}""")]
    public async Task A_bad_training_record_is_400_naming_the_field_and_nothing_is_stored_or_published(string field, string body)
    {
        var d = await DistrictAsync();
        using var adminA = app.As("school-admin", d.Bureau, d.A);
        var outbox = await app.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

        using var response = await adminA.PostAsync($"/api/staffing/schools/{d.A}/staff/{d.S1}/training", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await app.QueryAsync(db => db.TrainingRecords.CountAsync(t => t.BureauId == d.Bureau)));
        Assert.Equal(outbox, await app.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Workload_reproduces_the_hand_worked_answer_and_an_event_delivered_twice_counts_once()
    {
        var d = await DistrictAsync();
        var bus = await app.BusAsync();
        var term1 = Guid.NewGuid();
        var term2 = Guid.NewGuid();
        var classX = Guid.NewGuid();
        TermScheduled Term(Guid id, int number, DateOnly from, DateOnly to) =>
            new() { BureauId = d.Bureau, TermId = id, SchoolYear = 2026, Number = number, StartsOn = from, EndsOn = to };
        CounsellingSessionHeld Session(string kind, DateOnly on, int minutes) => new()
        {
            BureauId = d.Bureau, SchoolId = d.A, SessionId = Guid.NewGuid(), CounsellorStaffId = d.P1, Kind = kind, HeldOn = on,
            DurationMinutes = minutes, StudentIds = [Guid.NewGuid()],
        };
        ActivityHeld Activity(string kind, DateOnly on, int minutes, Guid? @class, params Guid[] presenters) => new()
        {
            BureauId = d.Bureau, SchoolId = d.A, ActivityId = Guid.NewGuid(), Kind = kind, HeldOn = on, DurationMinutes = minutes,
            PresenterStaffIds = presenters, ClassId = @class,
        };
        var individual = Session("individual", new(2026, 10, 1), 50);        // 1
        var events = new List<IntegrationEvent>
        {
            Term(term1, 1, new(2026, 9, 1), new(2027, 1, 20)),
            Term(term2, 2, new(2027, 2, 20), new(2027, 7, 10)),
            individual,
            Session("group", new(2026, 11, 1), 90),                            // 90 / 45 = 2
            Session("group", new(2026, 12, 1), 60),                            // 60 / 45 = 1.33
            Session("individual", new(2027, 3, 1), 50),                        // term 2: not in term 1
        };
        var lesson = Activity("psych-lesson", new(2026, 10, 15), 45, classX, d.P1, d.K); // 1 each for P1 and K
        events.Add(lesson);
        events.Add(Activity("lecture", new(2026, 11, 15), 120, null, d.P1));               // 120 / 45 = 2.67
        events.Add(Activity("parent-meeting", new(2026, 11, 20), 60, null, d.K));          // does not count
        // The counsellor's account, as Identity announces it: the school admin links only an account of the school.
        var account = Guid.NewGuid();
        events.Add(new StaffAccountCreated { BureauId = d.Bureau, SchoolId = d.A, AccountId = account });
        foreach (var e in events) await bus.Publish((object)e, e.GetType(), ctx => ctx.MessageId = e.MessageId);
        // The same session again, under the same message id (a redelivery: the inbox skips it), and the same lesson
        // under a new message id (a second relay of it: the ledger's key replaces rather than adds).
        await bus.Publish(individual, ctx => ctx.MessageId = individual.MessageId);
        var lessonAgain = lesson with { MessageId = Guid.NewGuid() };
        await bus.Publish(lessonAgain, ctx => ctx.MessageId = lessonAgain.MessageId);

        await Eventually.AssertAsync(() => events.All(e => app.Deliveries.Count(e.MessageId) >= 1)
            && app.Deliveries.Count(individual.MessageId) == 2 && app.Deliveries.Count(lessonAgain.MessageId) == 1,
            TimeSpan.FromSeconds(60), "every event and both duplicates consumed");

        var workload = await JsonAsync(await app.As("school-admin", d.Bureau, d.A).GetAsync($"/api/staffing/schools/{d.A}/workload?termId={term1}"));
        var rows = workload.GetProperty("teachers").EnumerateArray().ToDictionary(t => t.GetProperty("staffId").GetGuid());
        // P1, term 1: individual 1 + group 2 + group 1.33 + lesson 1 + lecture 2.67 = 8.00 (the duplicates add nothing).
        Assert.Equal(8.00m, rows[d.P1].GetProperty("classHours").GetDecimal());
        Assert.Equal((1, 2, 1), (rows[d.P1].GetProperty("individualSessions").GetInt32(), rows[d.P1].GetProperty("groupSessions").GetInt32(),
            rows[d.P1].GetProperty("psychLessons").GetInt32()));
        // K: the lesson 1; the parent meeting 0.
        Assert.Equal(1m, rows[d.K].GetProperty("classHours").GetDecimal());
        Assert.Equal(0m, rows[d.S1].GetProperty("classHours").GetDecimal());
        Assert.Equal(9.00m, workload.GetProperty("totalClassHours").GetDecimal());
        Assert.Equal(1, await app.QueryAsync(db => db.WorkloadEntries.CountAsync(e => e.SourceId == individual.SessionId)));
        Assert.Equal(2, await app.QueryAsync(db => db.WorkloadEntries.CountAsync(e => e.SourceId == lesson.ActivityId)));

        // Term 2 so far: the one individual session in March.
        var second = await JsonAsync(await app.As("bureau-officer", d.Bureau).GetAsync($"/api/staffing/schools/{d.A}/workload?termId={term2}"));
        Assert.Equal(1m, second.GetProperty("teachers").EnumerateArray().Single(t => t.GetProperty("staffId").GetGuid() == d.P1).GetProperty("classHours").GetDecimal());
        // Without a term: the one today (2027-01-15) falls in, term 1.
        var current = await JsonAsync(await app.As("school-admin", d.Bureau, d.A).GetAsync($"/api/staffing/schools/{d.A}/workload"));
        Assert.Equal(term1, current.GetProperty("term").GetProperty("id").GetGuid());

        // The counsellor sees their own workload once the school admin links their account; before, nothing.
        var me = new TestCaller("counsellor", d.Bureau, d.A) { Subject = account.ToString() };
        Assert.Equal(HttpStatusCode.NotFound, (await app.As(me).GetAsync($"/api/staffing/me/workload?termId={term1}")).StatusCode);
        using var adminA = app.As("school-admin", d.Bureau, d.A);
        Assert.Equal(HttpStatusCode.NoContent, (await adminA.PutAsJsonAsync($"/api/staffing/schools/{d.A}/staff/{d.P1}/account", new { accountSubject = me.Subject })).StatusCode);
        var own = await JsonAsync(await app.As(me).GetAsync($"/api/staffing/me/workload?termId={term1}"));
        Assert.Equal((d.P1, 8.00m), (own.GetProperty("staffId").GetGuid(), own.GetProperty("classHours").GetDecimal()));
        // The same subject cannot be linked to a second staff member.
        Assert.Equal(HttpStatusCode.Conflict, (await adminA.PutAsJsonAsync($"/api/staffing/schools/{d.A}/staff/{d.K}/account", new { accountSubject = me.Subject })).StatusCode);
        // A counsellor does not read the school's workload table (other teachers' figures).
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As(me).GetAsync($"/api/staffing/schools/{d.A}/workload")).StatusCode);
    }

    [Theory]
    [InlineData("partner", "GET", "/api/staffing/compliance")]
    [InlineData("auditor", "GET", "/api/staffing/supervision")]
    [InlineData("school-admin", "GET", "/api/staffing/supervision/export.csv")]
    [InlineData("counsellor", "GET", "/api/staffing/schools/{school}/training")]
    [InlineData("head-teacher", "GET", "/api/staffing/schools/{school}/certificates")]
    [InlineData("mentor", "GET", "/api/staffing/schools/{school}/mentor-grid")]
    [InlineData("bureau-admin", "POST", "/api/staffing/schools/{school}/staff/{staff}/certificates")]
    [InlineData("bureau-officer", "POST", "/api/staffing/schools/{school}/staff/{staff}/training")]
    [InlineData("counsellor", "PUT", "/api/staffing/schools/{school}/staff/{staff}/account")]
    [InlineData("head-teacher", "PUT", "/api/staffing/schools/{school}/mentors/{staff}/students")]
    [InlineData("school-admin", "GET", "/api/staffing/me/workload")]
    [InlineData("partner", "GET", "/api/staffing/schools/{school}/supervision")]
    public async Task A_role_the_matrix_refuses_gets_403_and_nothing_changes(string role, string method, string path)
    {
        var d = await DistrictAsync();
        var caller = role == "partner" ? TestCaller.Partner(d.Bureau, "agency-1", "xinyu.referrals") : new TestCaller(role, d.Bureau, d.A);
        using var client = app.As(caller);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{school}", d.A.ToString()).Replace("{staff}", d.S1.ToString()));
        if (method != "GET") request.Content = JsonContent.Create(new { kind = "c-certificate", issuedOn = "2020-01-01", course = "c", provider = "p", hours = 2,
            completedOn = "2026-10-01", evidenceReference = "e", accountSubject = "acct-x", studentIds = Array.Empty<Guid>() });

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Certificates.CountAsync(c => c.BureauId == d.Bureau)));
        Assert.Equal(0, await app.QueryAsync(db => db.TrainingRecords.CountAsync(c => c.BureauId == d.Bureau)));
        Assert.Null(await app.QueryAsync(db => db.Staff.Where(s => s.Id == d.S1).Select(s => s.AccountSubject).SingleAsync()));
    }
}
