using System.Net;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;

namespace XinYu.Liaison.Tests.Api;

/// <summary>
/// Issue 15, point 13: a home visit's <c>visitorStaffIds</c> (regular and special visits) must be staff of the student's
/// school as the directory registered them; another school's staff member, or an unknown id, is a 404 naming the field,
/// and nothing is stored or published. So no school records visits (and coverage) in another school's staff's name.
/// </summary>
[Collection(LiaisonCollection.Name)]
public sealed class StaffIdsInBodiesTests(LiaisonApp app)
{
    private sealed record Setup(Roster Roster, Guid School, Guid Class, Guid Student, Guid Theirs, HttpClient Counsellor);

    private async Task<Setup> SetUpAsync()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var other = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var student = (await roster.EnrolAsync(school, @class, 1))[0];
        await roster.LearnedAsync(1);
        return new Setup(roster, school, @class, student, roster.Visitor(other), app.As("counsellor", roster.Bureau, school));
    }

    private object Body(params Guid[] visitors) => new
    {
        visitedOn = app.Today.ToString("yyyy-MM-dd"), visitorStaffIds = visitors, met = new[] { "mother" }, topics = new[] { "safety" },
        guardianInformed = true, guardianSeeksTreatment = true, guardianEnsuresSafety = true,
    };

    private async Task AssertNothingStoredAsync(Guid student)
    {
        Assert.False(await app.QueryAsync(db => db.Visits.AnyAsync(v => v.StudentId == student)));
        Assert.Empty(await app.OutboxAsync("HomeVisitCompleted", student));
    }

    [Fact]
    public async Task A_home_visit_naming_another_schools_or_an_unknown_visitor_is_404_and_stores_nothing()
    {
        var s = await SetUpAsync();
        var ours = s.Roster.Visitor(s.School);
        var url = $"/api/liaison/students/{s.Student}/home-visits";
        await s.Counsellor.PostJsonAsync(url, Body(ours, s.Theirs)).RejectedAsync("visitorStaffIds[1]", HttpStatusCode.NotFound);
        await s.Counsellor.PostJsonAsync(url, Body(Guid.NewGuid())).RejectedAsync("visitorStaffIds[0]", HttpStatusCode.NotFound);
        // The bureau's research staff belong to no school, and another bureau's staff are out of reach altogether.
        await s.Counsellor.PostJsonAsync(url, Body(await app.KnownStaffAsync(s.Roster.Bureau, null, "research-staff"))).RejectedAsync("visitorStaffIds[0]", HttpStatusCode.NotFound);
        await s.Counsellor.PostJsonAsync(url, Body(await app.KnownStaffAsync(Guid.NewGuid(), s.School))).RejectedAsync("visitorStaffIds[0]", HttpStatusCode.NotFound);
        await AssertNothingStoredAsync(s.Student);

        var visit = await s.Counsellor.PostJsonAsync(url, Body(ours)).OkAsync(HttpStatusCode.Created);
        Assert.Equal([ours], visit.GetProperty("visitorStaffIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Single(await app.OutboxAsync("HomeVisitCompleted", s.Student));
    }

    [Fact]
    public async Task A_special_visit_naming_another_schools_visitor_is_404_and_leaves_the_task_open()
    {
        var s = await SetUpAsync();
        await app.PublishAsync(new RiskLevelChanged
        {
            BureauId = s.Roster.Bureau, SchoolId = s.School, ClassId = s.Class, StudentId = s.Student, From = "attention", FromRank = 1, To = "high", ToRank = 2,
            Reasons = ["band:phq-9:severe"], OccurredAt = app.Clock.GetUtcNow(),
        });
        await app.WaitForAsync(db => db.SpecialVisits.AnyAsync(t => t.StudentId == s.Student), "the special visit");
        var taskId = await app.QueryAsync(db => db.SpecialVisits.Where(t => t.StudentId == s.Student).Select(t => t.Id).SingleAsync());
        var url = $"/api/liaison/special-visits/{taskId}/visit";

        await s.Counsellor.PostJsonAsync(url, Body(s.Theirs)).RejectedAsync("visitorStaffIds[0]", HttpStatusCode.NotFound);
        await s.Counsellor.PostJsonAsync(url, Body(Guid.NewGuid())).RejectedAsync("visitorStaffIds[0]", HttpStatusCode.NotFound);
        Assert.Null(await app.QueryAsync(db => db.SpecialVisits.Where(t => t.Id == taskId).Select(t => t.CompletedAt).SingleAsync()));
        await AssertNothingStoredAsync(s.Student);

        await s.Counsellor.PostJsonAsync(url, Body(s.Roster.Visitor(s.School))).OkAsync(HttpStatusCode.Created);
        Assert.NotNull(await app.QueryAsync(db => db.SpecialVisits.Where(t => t.Id == taskId).Select(t => t.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task Staff_learned_from_StaffRegistered_on_the_bus_can_visit()
    {
        var s = await SetUpAsync();
        var staff = Guid.NewGuid();
        var registered = new StaffRegistered { BureauId = s.Roster.Bureau, SchoolId = s.School, StaffId = staff, Roles = ["head-teacher"] };
        await app.PublishAsync(registered);
        await app.PublishAsync(registered); // redelivered: applied once
        await app.WaitForAsync(db => db.KnownStaff.AnyAsync(k => k.StaffId == staff), "the staff member learned");
        var known = await app.QueryAsync(db => db.KnownStaff.AsNoTracking().SingleAsync(k => k.StaffId == staff));
        Assert.Equal((s.Roster.Bureau, (Guid?)s.School, "head-teacher"), (known.BureauId, known.SchoolId, Assert.Single(known.Roles)));
        await s.Counsellor.PostJsonAsync($"/api/liaison/students/{s.Student}/home-visits", Body(staff)).OkAsync(HttpStatusCode.Created);
    }
}
