using System.Net;
using Microsoft.EntityFrameworkCore;
using XinYu.ServiceDefaults.Auth;
using XinYu.Testing.Services;

namespace XinYu.Liaison.Tests.Api;

/// <summary>Parent meetings and parent-school courses; the joint mechanism and what a partner agency sees.</summary>
[Collection(LiaisonCollection.Name)]
public sealed class ParentAndJointApiTests(LiaisonApp app)
{
    [Fact]
    public async Task Parent_meetings_are_counted_in_the_first_and_last_week_of_each_term_with_attendance_per_class()
    {
        var roster = new Roster(app);
        var year = app.Today.Month >= 9 ? app.Today.Year : app.Today.Year - 1;
        var start = new DateOnly(year, 9, 1);
        await roster.TermsAsync((year, 1, start, new DateOnly(year + 1, 1, 22)), (year, 2, new DateOnly(year + 1, 2, 20), new DateOnly(year + 1, 7, 9)));
        var school = await roster.SchoolAsync();
        var c1 = await roster.ClassAsync(school);
        var c2 = await roster.ClassAsync(school);
        await app.WaitForAsync(db => db.Classes.CountAsync(c => c.SchoolId == school).ContinueWith(t => t.Result == 2), "the classes");
        using var admin = app.As("school-admin", roster.Bureau, school);

        var meeting = await admin.PostJsonAsync($"/api/liaison/schools/{school}/parent-activities", new
        {
            kind = "parent-meeting", title = "开学家长会", heldOn = start.AddDays(3).ToString("yyyy-MM-dd"), mentalHealth = false, classIds = new[] { c1, c2 },
        }).OkAsync(HttpStatusCode.Created);
        await admin.PostJsonAsync($"/api/liaison/schools/{school}/parent-activities", new
        {
            kind = "parent-school", title = "家长学校：识别孩子的情绪信号", heldOn = start.AddDays(20).ToString("yyyy-MM-dd"), mentalHealth = true, classIds = Array.Empty<Guid>(),
        }).OkAsync(HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetGuid();
        var withAttendance = await admin.PostJsonAsync($"/api/liaison/parent-activities/{id}/attendance", new
        {
            classes = new[] { new { classId = c1, attended = 38 }, new { classId = c2, attended = 41 } },
        }).OkAsync();
        Assert.Equal(79, withAttendance.GetProperty("totalAttended").GetInt32());
        await admin.PostJsonAsync($"/api/liaison/parent-activities/{id}/attendance", new { classes = new[] { new { classId = c1, attended = 40 } } }).OkAsync();
        await admin.PostJsonAsync($"/api/liaison/parent-activities/{id}/attendance", new { classes = new[] { new { classId = Guid.NewGuid(), attended = 1 } } })
            .RejectedAsync("classes[0]");
        await admin.PostJsonAsync($"/api/liaison/schools/{school}/parent-activities", new { kind = "plausible", title = "plausible", heldOn = start, mentalHealth = true })
            .RejectedAsync("kind");

        var programme = await app.As("bureau-officer", roster.Bureau).GetAsync($"/api/liaison/schools/{school}/parent-activities?schoolYear={year}").OkAsync();
        var figure = programme.GetProperty("figure");
        // 2 terms → 4 meeting weeks; a meeting was held in term 1's first week only; one mental-health activity (1 required).
        Assert.Equal((4, 1, false, 1, true), (figure.GetProperty("meetingWeeksExpected").GetInt32(), figure.GetProperty("meetingWeeksHeld").GetInt32(),
            figure.GetProperty("meetingsMet").GetBoolean(), figure.GetProperty("mentalHealthActivities").GetInt32(), figure.GetProperty("mentalHealthMet").GetBoolean()));
        var firstMeeting = programme.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        Assert.Equal(81, firstMeeting.GetProperty("totalAttended").GetInt32()); // c1 replaced by 40, c2 41
        Assert.Equal([true, false, false, false], programme.GetProperty("meetingWeeks").EnumerateArray().Select(w => w.GetProperty("held").GetBoolean()));

        var bureau = await app.As("bureau-admin", roster.Bureau).GetAsync($"/api/liaison/parent-activities/coverage?schoolYear={year}").OkAsync();
        Assert.Equal((1, 0, 1), (bureau.GetProperty("schools").GetInt32(), bureau.GetProperty("schoolsMeetingsMet").GetInt32(), bureau.GetProperty("schoolsMentalHealthMet").GetInt32()));
    }

    [Fact]
    public async Task A_police_partner_sees_the_case_shared_with_it_and_nothing_else()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var students = await roster.EnrolAsync(school, @class, 2);
        await roster.LearnedAsync(2);
        var police = "police-" + Guid.NewGuid().ToString("N")[..8];
        var hospital = "hospital-" + Guid.NewGuid().ToString("N")[..8];
        using var bureauAdmin = app.As("bureau-admin", roster.Bureau);
        await bureauAdmin.PostJsonAsync("/api/liaison/agencies", new { id = police, name = "市公安局某分局", kind = "police" }).OkAsync(HttpStatusCode.Created);
        await bureauAdmin.PostJsonAsync("/api/liaison/agencies", new { id = hospital, name = "市精神卫生中心", kind = "hospital" }).OkAsync(HttpStatusCode.Created);
        await bureauAdmin.PostJsonAsync("/api/liaison/agencies", new { id = police, name = "again", kind = "police" }).RejectedAsync("id", HttpStatusCode.Conflict);
        await bureauAdmin.PostJsonAsync("/api/liaison/agencies", new { id = "plausible", name = "plausible", kind = "plausible" }).RejectedAsync("kind");

        using var counsellor = app.As("counsellor", roster.Bureau, school);
        var shared = await counsellor.PostJsonAsync("/api/liaison/joint-cases", new { studentId = students[0], summary = "离家出走风险，需警方协助寻找", sharedWith = new[] { police, hospital } })
            .OkAsync(HttpStatusCode.Created);
        var notShared = await counsellor.PostJsonAsync("/api/liaison/joint-cases", new { studentId = students[1], summary = "住院评估", sharedWith = new[] { hospital } })
            .OkAsync(HttpStatusCode.Created);
        await counsellor.PostJsonAsync("/api/liaison/joint-cases", new { studentId = students[1], summary = "x", sharedWith = new[] { "plausible" } }).RejectedAsync("sharedWith[0]");
        var sharedId = shared.GetProperty("id").GetGuid();
        var otherId = notShared.GetProperty("id").GetGuid();
        var stored = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT \"Summary\" AS \"Value\" FROM joint_cases WHERE \"Id\" = {sharedId}").SingleAsync());
        Assert.DoesNotContain("警方", stored);

        using var policeClient = app.As(TestCaller.Partner(roster.Bureau, police, XinYuScopes.JointCases));
        var list = await policeClient.GetAsync("/api/liaison/joint-cases").OkAsync();
        var seen = Assert.Single(list.EnumerateArray());
        Assert.Equal(sharedId, seen.GetProperty("id").GetGuid());
        Assert.Equal([police], seen.GetProperty("sharedWith").EnumerateArray().Select(a => a.GetString())); // not who else it is shared with
        Assert.Equal("离家出走风险，需警方协助寻找", (await policeClient.GetAsync($"/api/liaison/joint-cases/{sharedId}").OkAsync()).GetProperty("summary").GetString());
        await policeClient.GetAsync($"/api/liaison/joint-cases/{otherId}").StatusAsync(HttpStatusCode.NotFound);
        await policeClient.GetAsync($"/api/liaison/students/{students[0]}/home-visits").StatusAsync(HttpStatusCode.Forbidden);
        await policeClient.GetAsync("/api/liaison/joint-meetings").StatusAsync(HttpStatusCode.Forbidden);

        // The scope is required, and the agency is the token's: another agency or bureau sees nothing.
        await app.As(TestCaller.Partner(roster.Bureau, police, XinYuScopes.Referrals)).GetAsync($"/api/liaison/joint-cases/{sharedId}").StatusAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await app.As(TestCaller.Partner(roster.Bureau, "police-other", XinYuScopes.JointCases)).GetAsync("/api/liaison/joint-cases").OkAsync()).GetArrayLength());
        await app.As(TestCaller.Partner(Guid.NewGuid(), police, XinYuScopes.JointCases)).GetAsync($"/api/liaison/joint-cases/{sharedId}").StatusAsync(HttpStatusCode.NotFound);
        var hospitalList = await app.As(TestCaller.Partner(roster.Bureau, hospital, XinYuScopes.JointCases)).GetAsync("/api/liaison/joint-cases").OkAsync();
        Assert.Equal(new[] { sharedId, otherId }.Order(), hospitalList.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Order());

        // The school's own staff see both; another school's do not.
        Assert.Equal(2, (await counsellor.GetAsync("/api/liaison/joint-cases").OkAsync()).GetArrayLength());
        await app.As("counsellor", roster.Bureau, Guid.NewGuid()).GetAsync($"/api/liaison/joint-cases/{sharedId}").StatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Joint_meetings_keep_encrypted_minutes_decisions_and_follow_ups_with_the_bureaus_agencies()
    {
        var bureau = Guid.NewGuid();
        var agency = "wf-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = app.As("bureau-admin", bureau);
        await admin.PostJsonAsync("/api/liaison/agencies", new { id = agency, name = "市妇联", kind = "womens-federation" }).OkAsync(HttpStatusCode.Created);
        await admin.PostJsonAsync("/api/liaison/joint-meetings", new { heldOn = app.Today, agencyIds = new[] { "plausible" }, minutes = "plausible" })
            .RejectedAsync("agencyIds[0]");

        var meeting = await app.As("bureau-officer", bureau).PostJsonAsync("/api/liaison/joint-meetings", new
        {
            heldOn = app.Today, agencyIds = new[] { agency }, minutes = "讨论留守儿童家访安排", decisions = new[] { "妇联参与特殊家访" }, followUps = new[] { "下月汇报" },
        }).OkAsync(HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetGuid();
        var stored = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT \"Decisions\" AS \"Value\" FROM joint_meetings WHERE \"Id\" = {id}").SingleAsync());
        Assert.DoesNotContain("妇联", stored);
        var list = await admin.GetAsync("/api/liaison/joint-meetings").OkAsync();
        var read = Assert.Single(list.EnumerateArray());
        Assert.Equal(("讨论留守儿童家访安排", "妇联参与特殊家访"), (read.GetProperty("minutes").GetString(), read.GetProperty("decisions")[0].GetString()));
        Assert.Equal(0, (await app.As("bureau-admin", Guid.NewGuid()).GetAsync("/api/liaison/joint-meetings").OkAsync()).GetArrayLength());
    }
}
