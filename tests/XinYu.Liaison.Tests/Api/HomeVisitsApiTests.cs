using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.Liaison.Tests.Api;

/// <summary>The roster learned from events, home visits, coverage and overdue lists, against the real servers.</summary>
[Collection(LiaisonCollection.Name)]
public sealed class HomeVisitsApiTests(LiaisonApp app)
{
    [Fact]
    public async Task The_roster_follows_enrolments_class_changes_transfers_and_departures()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var other = await roster.SchoolAsync();
        var c1 = await roster.ClassAsync(school);
        var c2 = await roster.ClassAsync(school);
        var c3 = await roster.ClassAsync(other);
        var s = await roster.EnrolAsync(school, c1, 3);
        await roster.LearnedAsync(3);

        await app.PublishAsync(new StudentClassChanged { BureauId = roster.Bureau, SchoolId = school, StudentId = s[0], ClassId = c2, Grade = 7 });
        await app.PublishAsync(new StudentTransferred { BureauId = roster.Bureau, SchoolId = other, StudentId = s[1], FromSchoolId = school, ClassId = c3, Grade = 7 });
        await app.PublishAsync(new StudentLeft { BureauId = roster.Bureau, SchoolId = school, StudentId = s[2], Reason = "moved-out" });
        await app.PublishAsync(new ClassClosed { BureauId = roster.Bureau, SchoolId = school, ClassId = c1 });

        await app.WaitForAsync(async db =>
        {
            var rows = await db.Students.AsNoTracking().Where(x => x.BureauId == roster.Bureau).ToDictionaryAsync(x => x.StudentId);
            return rows[s[0]].ClassId == c2 && rows[s[1]] is { SchoolId: var sc, ClassId: var cc } && sc == other && cc == c3 && rows[s[2]].Left
                && await db.Classes.AnyAsync(c => c.ClassId == c1 && c.Closed);
        }, "the roster after a class change, a transfer, a departure and a closed class");
        Assert.Equal(2, await app.QueryAsync(db => db.Schools.CountAsync(x => x.BureauId == roster.Bureau)));
    }

    [Fact]
    public async Task Coverage_per_class_school_and_bureau_matches_the_hand_worked_fixture()
    {
        var roster = new Roster(app);
        var year = app.Today.Month >= 9 ? app.Today.Year : app.Today.Year - 1; // the current school year
        await roster.TermsAsync(
            (year - 1, 1, new DateOnly(year - 1, 9, 1), new DateOnly(year, 1, 20)),
            (year - 1, 2, new DateOnly(year, 2, 20), new DateOnly(year, 7, 10)),
            (year, 1, new DateOnly(year, 9, 1), new DateOnly(year + 1, 1, 22)));
        var schoolA = await roster.SchoolAsync();
        var schoolB = await roster.SchoolAsync();
        var a1 = await roster.ClassAsync(schoolA);
        var a2 = await roster.ClassAsync(schoolA);
        var b1 = await roster.ClassAsync(schoolB);
        var inA1 = await roster.EnrolAsync(schoolA, a1, 5);   // s1..s4, s13
        var inA2 = await roster.EnrolAsync(schoolA, a2, 3);   // s5, s6, s7
        var inB1 = await roster.EnrolAsync(schoolB, b1, 5);   // s8..s12
        await roster.LearnedAsync(13);
        Guid s1 = inA1[0], s2 = inA1[1], s3 = inA1[2], s13 = inA1[4], s5 = inA2[0], s7 = inA2[2];

        var thisYear = new DateOnly(year, 9, 10) <= app.Today ? new DateOnly(year, 9, 10) : app.Today;
        var lastYear = new DateOnly(year, 3, 15);
        using var teacherA1 = app.As("head-teacher", roster.Bureau, schoolA, a1);
        using var teacherA2 = app.As("head-teacher", roster.Bureau, schoolA, a2);
        using var counsellorB = app.As("counsellor", roster.Bureau, schoolB);
        foreach (var s in new[] { s1, s2, s2, s13 }) await teacherA1.PostJsonAsync($"/api/liaison/students/{s}/home-visits", Http.Visit(roster.Visitor(schoolA), thisYear)).OkAsync(HttpStatusCode.Created);
        await teacherA1.PostJsonAsync($"/api/liaison/students/{s3}/home-visits", Http.Visit(roster.Visitor(schoolA), lastYear)).OkAsync(HttpStatusCode.Created);
        foreach (var s in new[] { s5, s7 }) await teacherA2.PostJsonAsync($"/api/liaison/students/{s}/home-visits", Http.Visit(roster.Visitor(schoolA), thisYear)).OkAsync(HttpStatusCode.Created);
        foreach (var s in inB1.Take(3)) await counsellorB.PostJsonAsync($"/api/liaison/students/{s}/home-visits", Http.Visit(roster.Visitor(schoolB), thisYear)).OkAsync(HttpStatusCode.Created);
        // s7 moves from A2 to A1 after the visit; s13 leaves.
        await app.PublishAsync(new StudentClassChanged { BureauId = roster.Bureau, SchoolId = schoolA, StudentId = s7, ClassId = a1, Grade = 7 });
        await app.PublishAsync(new StudentLeft { BureauId = roster.Bureau, SchoolId = schoolA, StudentId = s13, Reason = "moved-out" });
        await app.WaitForAsync(async db => await db.Students.AnyAsync(x => x.StudentId == s7 && x.ClassId == a1)
            && await db.Students.AnyAsync(x => x.StudentId == s13 && x.Left), "the class change and the departure");

        // By hand, for the current school year and one visit required:
        //   A1 roll: s1, s2, s3, s4, s7 (moved in; s13 left) = 5; visited s1, s2 (twice, counts once), s7 = 3 → 3/5 = 0.6
        //            (s3 was visited last school year only; s13's visit no longer counts: not on a roll)
        //   A2 roll: s5, s6 = 2; visited s5 = 1 → 0.5
        //   school A: 7 enrolled, 4 visited → 4/7 = 0.571428… → 0.5714
        //   B1 = school B: 5 enrolled, 3 visited → 0.6
        //   bureau: 12 enrolled, 7 visited → 7/12 = 0.58333… → 0.5833
        var classA1 = await teacherA1.GetAsync($"/api/liaison/classes/{a1}/home-visits/coverage").OkAsync();
        AssertFigure(classA1.GetProperty("coverage"), 5, 3, 0.6m);
        Assert.Equal(year, classA1.GetProperty("schoolYear").GetInt32());
        Assert.Equal(new[] { s3, inA1[3] }.Order(), classA1.GetProperty("notVisitedStudentIds").EnumerateArray().Select(e => e.GetGuid()).Order());

        var schoolFigure = await app.As("school-admin", roster.Bureau, schoolA).GetAsync($"/api/liaison/schools/{schoolA}/home-visits/coverage").OkAsync();
        AssertFigure(schoolFigure.GetProperty("coverage"), 7, 4, 0.5714m);
        var byClass = schoolFigure.GetProperty("classes").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetProperty("coverage"));
        AssertFigure(byClass[a1], 5, 3, 0.6m);
        AssertFigure(byClass[a2], 2, 1, 0.5m);

        var bureau = await app.As("bureau-officer", roster.Bureau).GetAsync("/api/liaison/home-visits/coverage").OkAsync();
        AssertFigure(bureau.GetProperty("coverage"), 12, 7, 0.5833m);
        var bySchool = bureau.GetProperty("schools").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetProperty("coverage"));
        AssertFigure(bySchool[schoolA], 7, 4, 0.5714m);
        AssertFigure(bySchool[schoolB], 5, 3, 0.6m);
        Assert.DoesNotContain("StudentId", bureau.GetRawText(), StringComparison.OrdinalIgnoreCase); // figures, no students

        // Last school year: only s3's visit → A1 1 of 5.
        var previous = await teacherA1.GetAsync($"/api/liaison/classes/{a1}/home-visits/coverage?schoolYear={year - 1}").OkAsync();
        AssertFigure(previous.GetProperty("coverage"), 5, 1, 0.2m);

        // The overdue list: not yet visited, by class; a head teacher sees their own class only.
        var overdue = await app.As("counsellor", roster.Bureau, schoolA).GetAsync($"/api/liaison/schools/{schoolA}/overdue").OkAsync();
        var notVisited = overdue.GetProperty("notVisited").EnumerateArray()
            .ToDictionary(c => c.GetProperty("classId").GetGuid(), c => c.GetProperty("studentIds").EnumerateArray().Select(e => e.GetGuid()).Order().ToList());
        Assert.Equal(new[] { s3, inA1[3] }.Order(), notVisited[a1]);
        Assert.Equal([inA2[1]], notVisited[a2]);
        var ownOnly = await teacherA2.GetAsync($"/api/liaison/schools/{schoolA}/overdue").OkAsync();
        Assert.Equal([a2], ownOnly.GetProperty("notVisited").EnumerateArray().Select(c => c.GetProperty("classId").GetGuid()));
    }

    private static void AssertFigure(JsonElement figure, int enrolled, int visited, decimal rate)
    {
        Assert.Equal((enrolled, visited, enrolled - visited, rate),
            (figure.GetProperty("enrolled").GetInt32(), figure.GetProperty("visited").GetInt32(), figure.GetProperty("notVisited").GetInt32(), figure.GetProperty("rate").GetDecimal()));
    }

    [Fact]
    public async Task A_recorded_visit_is_encrypted_at_rest_audited_published_and_its_notes_need_a_purpose()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var student = (await roster.EnrolAsync(school, @class, 1))[0];
        await roster.LearnedAsync(1);
        using var teacher = app.As("head-teacher", roster.Bureau, school, @class);

        var visit = await teacher.PostJsonAsync($"/api/liaison/students/{student}/home-visits", Http.Visit(roster.Visitor(school), app.Today, "母亲说孩子最近失眠", "两周后电话回访"))
            .OkAsync(HttpStatusCode.Created);
        var id = visit.GetProperty("id").GetGuid();

        var stored = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT \"Notes\" AS \"Value\" FROM home_visits WHERE \"Id\" = {id}").SingleAsync());
        Assert.DoesNotContain("失眠", stored);
        var storedFollowUps = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT \"FollowUps\" AS \"Value\" FROM home_visits WHERE \"Id\" = {id}").SingleAsync());
        Assert.DoesNotContain("回访", storedFollowUps);

        var published = JsonDocument.Parse(Assert.Single(await app.OutboxAsync("HomeVisitCompleted", student)).Payload).RootElement;
        Assert.Equal(("regular", id, @class), (published.GetProperty("kind").GetString(), published.GetProperty("visitId").GetGuid(), published.GetProperty("classId").GetGuid()));
        Assert.DoesNotContain("失眠", published.GetRawText());

        Assert.True(await app.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "create" && a.ResourceType == "home-visit" && a.StudentId == student)));

        await teacher.GetAsync($"/api/liaison/home-visits/{id}").RejectedAsync("X-Purpose");
        using var withPurpose = new HttpRequestMessage(HttpMethod.Get, $"/api/liaison/home-visits/{id}");
        withPurpose.Headers.Add("X-Purpose", "家访跟进");
        var detail = await teacher.SendAsync(withPurpose).OkAsync();
        Assert.Equal("母亲说孩子最近失眠", detail.GetProperty("notes").GetString());
        Assert.Equal(["两周后电话回访"], detail.GetProperty("followUps").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await app.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "read" && a.ResourceType == "home-visit-notes" && a.Purpose == "家访跟进")));

        var list = await teacher.GetAsync($"/api/liaison/students/{student}/home-visits").OkAsync();
        Assert.Equal([id], list.EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        Assert.DoesNotContain("失眠", list.GetRawText());
    }

    [Fact]
    public async Task Staff_outside_the_students_class_or_school_get_404_and_bureau_staff_cannot_record_visits()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var student = (await roster.EnrolAsync(school, @class, 1))[0];
        await roster.LearnedAsync(1);

        await app.As("head-teacher", roster.Bureau, school, Guid.NewGuid()).PostJsonAsync($"/api/liaison/students/{student}/home-visits", Http.Visit(roster.Visitor(school), app.Today))
            .StatusAsync(HttpStatusCode.NotFound);
        await app.As("counsellor", roster.Bureau, Guid.NewGuid()).GetAsync($"/api/liaison/students/{student}/home-visits").StatusAsync(HttpStatusCode.NotFound);
        await app.As("counsellor", Guid.NewGuid(), school).GetAsync($"/api/liaison/classes/{@class}/home-visits/coverage").StatusAsync(HttpStatusCode.NotFound);
        await app.As("bureau-officer", roster.Bureau).PostJsonAsync($"/api/liaison/students/{student}/home-visits", Http.Visit(roster.Visitor(school), app.Today))
            .StatusAsync(HttpStatusCode.Forbidden);
        await app.As("mentor", roster.Bureau, school, @class).GetAsync($"/api/liaison/students/{student}/home-visits").StatusAsync(HttpStatusCode.Forbidden);
        Assert.False(await app.QueryAsync(db => db.Visits.AnyAsync(v => v.StudentId == student)));
    }

    [Fact]
    public async Task After_a_transfer_the_old_school_loses_the_students_visits_and_the_new_school_has_them()
    {
        var roster = new Roster(app);
        var oldSchool = await roster.SchoolAsync();
        var newSchool = await roster.SchoolAsync();
        var oldClass = await roster.ClassAsync(oldSchool);
        var newClass = await roster.ClassAsync(newSchool);
        var student = (await roster.EnrolAsync(oldSchool, oldClass, 1))[0];
        await roster.LearnedAsync(1);
        using var oldCounsellor = app.As("counsellor", roster.Bureau, oldSchool);
        var visitId = (await oldCounsellor.PostJsonAsync($"/api/liaison/students/{student}/home-visits", Http.Visit(roster.Visitor(oldSchool), app.Today)).OkAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        await app.PublishAsync(new StudentTransferred { BureauId = roster.Bureau, SchoolId = newSchool, FromSchoolId = oldSchool, StudentId = student, ClassId = newClass, Grade = 7 });
        await app.WaitForAsync(db => db.Visits.AnyAsync(v => v.Id == visitId && v.SchoolId == newSchool), "the visit moving with the student");

        await oldCounsellor.GetAsync($"/api/liaison/students/{student}/home-visits").StatusAsync(HttpStatusCode.NotFound);
        using var readOld = new HttpRequestMessage(HttpMethod.Get, $"/api/liaison/home-visits/{visitId}") { Headers = { { "X-Purpose", "test" } } };
        await oldCounsellor.SendAsync(readOld).StatusAsync(HttpStatusCode.NotFound);
        var list = await app.As("head-teacher", roster.Bureau, newSchool, newClass).GetAsync($"/api/liaison/students/{student}/home-visits").OkAsync();
        Assert.Equal([visitId], list.EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        // The visit still counts for the student in the new school's coverage.
        var coverage = await app.As("school-admin", roster.Bureau, newSchool).GetAsync($"/api/liaison/schools/{newSchool}/home-visits/coverage").OkAsync();
        AssertFigure(coverage.GetProperty("coverage"), 1, 1, 1m);
    }

    [Theory]
    [InlineData("visitedOn", """{"visitorStaffIds":["0b1c8b4e-6a6e-4a3e-9f0e-1a2b3c4d5e6f"],"met":["mother"],"topics":["study"]}""")]
    [InlineData("visitedOn", """{"visitedOn":"2999-01-01","visitorStaffIds":["0b1c8b4e-6a6e-4a3e-9f0e-1a2b3c4d5e6f"],"met":["mother"],"topics":["study"]}""")]
    [InlineData("visitorStaffIds", """{"visitedOn":"TODAY","visitorStaffIds":[],"met":["mother"],"topics":["study"]}""")]
    [InlineData("met[0]", """{"visitedOn":"TODAY","visitorStaffIds":["0b1c8b4e-6a6e-4a3e-9f0e-1a2b3c4d5e6f"],"met":["plausible"],"topics":["study"]}""")]
    [InlineData("topics", """{"visitedOn":"TODAY","visitorStaffIds":["0b1c8b4e-6a6e-4a3e-9f0e-1a2b3c4d5e6f"],"met":["mother"]}""")]
    [InlineData("notes", """{"visitedOn":"TODAY","visitorStaffIds":["0b1c8b4e-6a6e-4a3e-9f0e-1a2b3c4d5e6f"],"met":["mother"],"topics":["study"],"notes":"LONG"}""")]
    public async Task A_bad_visit_is_400_naming_the_field_and_stores_nothing(string field, string body)
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var student = (await roster.EnrolAsync(school, @class, 1))[0];
        await roster.LearnedAsync(1);
        body = body.Replace("TODAY", app.Today.ToString("yyyy-MM-dd")).Replace("LONG", new string('x', 4001));

        await app.As("counsellor", roster.Bureau, school)
            .PostAsync($"/api/liaison/students/{student}/home-visits", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))
            .RejectedAsync(field);
        Assert.False(await app.QueryAsync(db => db.Visits.AnyAsync(v => v.StudentId == student)));
        Assert.Empty(await app.OutboxAsync("HomeVisitCompleted", student));
    }

    [Fact]
    public async Task A_head_teacher_plans_visits_for_their_class_and_sees_which_are_done()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var students = await roster.EnrolAsync(school, @class, 2);
        await roster.LearnedAsync(2);
        using var teacher = app.As("head-teacher", roster.Bureau, school, @class);

        var planned = await teacher.PostJsonAsync($"/api/liaison/classes/{@class}/visit-plans", new
        {
            visits = students.Select((s, i) => new { studentId = s, plannedOn = app.Today.AddDays(7 + i).ToString("yyyy-MM-dd") }),
        }).OkAsync(HttpStatusCode.Created);
        Assert.Equal(2, planned.GetArrayLength());
        await teacher.PostJsonAsync($"/api/liaison/students/{students[0]}/home-visits", Http.Visit(roster.Visitor(school), app.Today)).OkAsync(HttpStatusCode.Created);

        var plans = await teacher.GetAsync($"/api/liaison/classes/{@class}/visit-plans").OkAsync();
        Assert.Equal([(students[0], true), (students[1], false)],
            plans.EnumerateArray().Select(p => (p.GetProperty("studentId").GetGuid(), p.GetProperty("visited").GetBoolean())));

        await teacher.PostJsonAsync($"/api/liaison/classes/{@class}/visit-plans", new { visits = new[] { new { studentId = Guid.NewGuid(), plannedOn = app.Today.ToString("yyyy-MM-dd") } } })
            .RejectedAsync("visits[0].studentId");
        await app.As("head-teacher", roster.Bureau, school, Guid.NewGuid()).PostJsonAsync($"/api/liaison/classes/{@class}/visit-plans", new { visits = Array.Empty<object>() })
            .StatusAsync(HttpStatusCode.NotFound);
    }
}
