using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinYu.Contracts;
using XinYu.Testing;
using static XinYu.Screening.Tests.Api.Seed;

namespace XinYu.Screening.Tests.Api;

/// <summary>
/// Issue 15, point 13: a plan's <c>ownerStaffId</c> (the person in charge) must be staff of the student's school as the
/// directory registered them; another school's staff member, or an unknown id, is a 404 naming the field, and no plan
/// is stored or published. So no school hands a case to another school's staff, or books work to them.
/// </summary>
[Collection(OneServiceAtATime.Name)]
public sealed class StaffIdsInBodiesTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    private static object Plan(Guid owner) => new { ownerStaffId = owner, actions = new[] { "每周一次个别辅导" }, followUps = new[] { new DateOnly(2026, 10, 22) } };

    private async Task AssertNoPlanAsync(Guid student)
    {
        Assert.False(await app.QueryAsync(db => db.Plans.AnyAsync(p => p.StudentId == student)));
        Assert.DoesNotContain("InterventionPlanOpened", (await OutboxOfStudentAsync(app, student)).Select(TypeOf));
    }

    [Fact]
    public async Task A_plan_owned_by_another_schools_or_an_unknown_staff_member_is_404_and_nothing_is_stored()
    {
        var s = await SchoolAsync(app);
        var other = await SchoolAsync(app, bureau: s.Bureau);
        var student = s.Students[0];
        using var counsellor = app.As("counsellor", s.Bureau, s.School);
        var url = $"/api/screening/students/{student}/plans";

        await AssertRejectedAsync(await counsellor.PostAsJsonAsync(url, Plan(other.Counsellor)), "ownerStaffId", HttpStatusCode.NotFound);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync(url, Plan(Guid.NewGuid())), "ownerStaffId", HttpStatusCode.NotFound);
        // The bureau's research staff belong to no school; another bureau's staff member is out of reach altogether.
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync(url, Plan(await KnownStaffAsync(app, s.Bureau, null, "research-staff"))), "ownerStaffId", HttpStatusCode.NotFound);
        await AssertRejectedAsync(await counsellor.PostAsJsonAsync(url, Plan(await KnownStaffAsync(app, Guid.NewGuid(), s.School))), "ownerStaffId", HttpStatusCode.NotFound);
        await AssertNoPlanAsync(student);

        var plan = await JsonAsync(await counsellor.PostAsJsonAsync(url, Plan(s.Counsellor)), HttpStatusCode.Created);
        Assert.Equal(s.Counsellor, plan.GetProperty("ownerStaffId").GetGuid());
        Assert.Contains("InterventionPlanOpened", (await OutboxOfStudentAsync(app, student)).Select(TypeOf));
    }

    [Fact]
    public async Task A_head_teacher_of_the_school_learned_from_StaffRegistered_on_the_bus_may_own_a_plan()
    {
        var s = await SchoolAsync(app);
        var staff = Guid.NewGuid();
        var registered = new StaffRegistered { BureauId = s.Bureau, SchoolId = s.School, StaffId = staff, Roles = ["head-teacher"] };
        var bus = app.Services.GetRequiredService<IBus>();
        await bus.Publish(registered, c => c.MessageId = registered.MessageId);
        await bus.Publish(registered, c => c.MessageId = registered.MessageId); // redelivered: applied once
        await Eventually.AssertAsync(() => app.QueryAsync(db => db.KnownStaff.AnyAsync(k => k.StaffId == staff)), TimeSpan.FromSeconds(30), "the staff member learned");
        var known = await app.QueryAsync(db => db.KnownStaff.AsNoTracking().SingleAsync(k => k.StaffId == staff));
        Assert.Equal((s.Bureau, (Guid?)s.School, "head-teacher"), (known.BureauId, known.SchoolId, Assert.Single(known.Roles)));

        await JsonAsync(await app.As("counsellor", s.Bureau, s.School).PostAsJsonAsync($"/api/screening/students/{s.Students[0]}/plans", Plan(staff)), HttpStatusCode.Created);
    }
}
