using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;
using XinYu.Client.Staff;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Time;
using XinYu.Web.Api;
using XinYu.Web.Components.Pages.Records;

namespace XinYu.Web.Tests;

/// <summary>The Screening side of the student's file as a component (bunit): plans and follow-ups, the referral form.</summary>
[Trait("Category", "Unit")]
public sealed class StudentCasePanelTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeScreeningStaffApi _screening = new();
    private readonly FakeRecordsApi _records = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 12, 2, 0, 0, TimeSpan.Zero)); // 10:00 in Beijing, a Monday
    private readonly Guid _school = Guid.NewGuid();
    private readonly Guid _student = Guid.NewGuid();
    private readonly Guid _counsellor = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 10, 12);

    public StudentCasePanelTests()
    {
        var auth = StaffPageContext.Register(_context, _screening, _records, _clock);
        auth.SetAuthorized("王老师");
        auth.SetClaims(new Claim(XinYuClaims.School, _school.ToString()), new Claim(XinYuClaims.Subject, Guid.NewGuid().ToString()));
        _records.Slots.Add(new DutySlot(Guid.NewGuid(), _school, _counsellor, Today.AddDays(1), new TimeOnly(9, 0), new TimeOnly(9, 45), false));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<StudentCasePanel> Render() => _context.Render<StudentCasePanel>(p => p.Add(c => c.StudentId, _student));

    private static IRenderedComponent<MudSelect<T>> Select<T>(IRenderedComponent<StudentCasePanel> page, string label) =>
        page.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label);

    [Fact]
    public void The_referral_form_offers_the_bureaus_partner_agencies_and_sends_the_one_chosen()
    {
        // One registered with its name, one (an older client) without: shown by its id.
        _screening.Agencies.AddRange([new PartnerAgency("city-hospital-7"), new PartnerAgency("kangning-hospital", "宁波市康宁医院", "hospital")]);
        var popovers = _context.Render<MudPopoverProvider>();
        var page = Render();

        var agency = Select<string>(page, "转介机构");
        page.InvokeAsync(() => agency.Instance.OpenMenu());
        popovers.WaitForAssertion(() => Assert.Equal(["city-hospital-7", "kangning-hospital"],
            popovers.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).Where(v => v!.Contains("hospital"))));
        Assert.Contains("宁波市康宁医院", popovers.Markup);
        page.InvokeAsync(() => agency.Instance.CloseMenu());

        page.InvokeAsync(() => agency.Instance.ValueChanged.InvokeAsync("kangning-hospital"));
        page.InvokeAsync(() => Select<string>(page, "转介原因").Instance.ValueChanged.InvokeAsync("self-harm-risk"));
        page.Find("[data-testid=referral-text]").Change("学生自述近两周有自伤念头");
        page.Find("[data-testid=refer]").Click();

        page.WaitForAssertion(() => Assert.Equal([new NewReferral("kangning-hospital", "self-harm-risk", "学生自述近两周有自伤念头")], _screening.Referred));
        // The referral made shows in the list, its reason as words.
        page.WaitForAssertion(() => Assert.Contains("宁波市康宁医院", page.Find("[data-testid=referrals]").TextContent));
        Assert.Contains("自伤风险", page.Find("[data-testid=referrals]").TextContent);
        Assert.Contains("已发送", page.Find("[data-testid=referrals]").TextContent);
    }

    [Fact]
    public void A_refusal_naming_the_agency_shows_beside_the_agency_field_and_the_form_keeps_what_was_given()
    {
        _screening.Agencies.Add(new PartnerAgency("kangning-hospital"));
        _screening.ActionFailure = HttpStatusCode.BadRequest;
        _screening.ActionProblem = """{"status":400,"errors":{"agencyId":["No enabled partner client of your bureau represents this agency."]}}""";
        var page = Render();

        var agency = Select<string>(page, "转介机构");
        // The only agency is chosen already.
        Assert.Equal("kangning-hospital", agency.Instance.GetState(x => x.Value));
        page.InvokeAsync(() => Select<string>(page, "转介原因").Instance.ValueChanged.InvokeAsync("depression"));
        page.Find("[data-testid=referral-text]").Change("情绪低落两个月");
        page.Find("[data-testid=refer]").Click();

        page.WaitForAssertion(() => Assert.True(agency.Instance.GetState(x => x.Error)));
        Assert.Equal("No enabled partner client of your bureau represents this agency.", agency.Instance.GetState(x => x.ErrorText));
        Assert.Empty(page.FindAll("[data-testid=referral-problem]"));
        Assert.Equal("kangning-hospital", agency.Instance.GetState(x => x.Value));
        Assert.Equal("depression", Select<string>(page, "转介原因").Instance.GetState(x => x.Value));
        Assert.Equal("情绪低落两个月", page.Find("[data-testid=referral-text]").GetAttribute("value") ?? page.Find("[data-testid=referral-text]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=referral]"));
    }

    [Fact]
    public void A_follow_up_marked_done_sends_its_plan_and_follow_up_ids_with_the_note_and_shows_done()
    {
        var done = new PlanFollowUp(Guid.NewGuid(), Today.AddDays(-10), "plan", DateTimeOffset.UtcNow.AddDays(-9), "已谈话");
        var overdue = new PlanFollowUp(Guid.NewGuid(), Today.AddDays(-2), "plan", null, null);
        var due = new PlanFollowUp(Guid.NewGuid(), Today.AddDays(5), "return-to-school", null, null);
        var plan = new InterventionPlan(Guid.NewGuid(), _student, _school, _counsellor, "open", false, DateTimeOffset.UtcNow.AddDays(-20), null, null,
            ["每周一次个别辅导"], [done, overdue, due], []);
        _screening.Plans.Add(plan);
        var page = Render();

        Assert.Equal(["done", "overdue", "due"], page.FindAll("[data-testid=follow-up]").Select(li => li.GetAttribute("data-state")));
        Assert.Contains("已逾期", page.FindAll("[data-testid=follow-up]")[1].TextContent);
        // Only the follow-ups not done can be marked done.
        Assert.Equal(2, page.FindAll("[data-testid=mark-done]").Count);
        // Each button's name starts with the words it shows (axe's label-content-name-mismatch) and says which date it marks.
        Assert.All(page.FindAll("[data-testid=mark-done]"), b => Assert.StartsWith(b.TextContent.Trim(), b.GetAttribute("aria-label")));
        Assert.Contains("2026-10-10", page.FindAll("[data-testid=mark-done]")[0].GetAttribute("aria-label"));

        page.FindAll("[data-testid=mark-done]")[0].Click();
        page.Find("[data-testid=done-note]").Change("与学生面谈，情绪平稳");
        page.Find("[data-testid=save-done]").Click();

        page.WaitForAssertion(() => Assert.Equal([(plan.Id, overdue.Id, (string?)"与学生面谈，情绪平稳")], _screening.FollowUpsDone));
        page.WaitForAssertion(() => Assert.Equal(["done", "done", "due"], page.FindAll("[data-testid=follow-up]").Select(li => li.GetAttribute("data-state"))));
        // A plan is open: no second plan is offered, and the return assessment is.
        Assert.Empty(page.FindAll("[data-testid=open-plan]"));
        Assert.NotEmpty(page.FindAll("[data-testid=start-return]"));
    }

    [Fact]
    public void Opening_a_plan_names_the_counsellor_on_duty_and_sends_one_action_per_line_and_a_refused_date_stays_at_its_field()
    {
        var page = Render();
        Assert.NotNull(page.Find("[data-testid=no-plans]"));
        Assert.Empty(page.FindAll("[data-testid=start-return]"));
        // The only counsellor on the duty rota is chosen already.
        Assert.Equal(_counsellor, Select<Guid?>(page, "负责人").Instance.GetState(x => x.Value));
        // The field shows who, in words, not the staff id.
        Assert.Contains("心理教师（值班 10-13 09:00）", Select<Guid?>(page, "负责人").Markup);
        Assert.DoesNotContain(_counsellor.ToString(), Select<Guid?>(page, "负责人").Markup);

        _screening.ActionFailure = HttpStatusCode.BadRequest;
        _screening.ActionProblem = """{"status":400,"errors":{"followUps[0]":["Give a date within a year of today."]}}""";
        page.Find("[data-testid=plan-actions-input]").Change("每周一次个别辅导\n\n与家长沟通安全事项\n");
        page.Find("[data-testid=plan-first-follow-up]").Change("2028-01-01");
        page.Find("[data-testid=open-plan]").Click();

        var date = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "首次跟进日期");
        page.WaitForAssertion(() => Assert.Equal("Give a date within a year of today.", date.Instance.GetState(x => x.ErrorText)));
        Assert.Equal("2028-01-01", date.Instance.GetState(x => x.Value));
        Assert.Empty(page.FindAll("[data-testid=open-plan-problem]"));

        _screening.ActionFailure = null;
        page.Find("[data-testid=plan-first-follow-up]").Change("2026-10-19");
        page.Find("[data-testid=open-plan]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=plan]")));
        var sent = _screening.Opened[^1];
        Assert.Equal(_counsellor, sent.OwnerStaffId);
        Assert.Equal(["每周一次个别辅导", "与家长沟通安全事项"], sent.Actions);
        Assert.Equal([new DateOnly(2026, 10, 19)], sent.FollowUps);
        Assert.NotEmpty(page.FindAll("[data-testid=start-return]"));
    }

    [Fact]
    public void The_return_assessment_is_offered_for_an_open_plan_and_a_missing_safety_plan_step_is_refused_at_its_field_with_the_form_kept()
    {
        _screening.Plans.Add(new InterventionPlan(Guid.NewGuid(), _student, _school, _counsellor, "open", true, DateTimeOffset.UtcNow.AddDays(-20), null, null,
            ["每周一次个别辅导"], [], []));
        _screening.ActionFailure = HttpStatusCode.BadRequest;
        _screening.ActionProblem = """{"status":400,"errors":{"safetyPlan.meansSafety":["Give a text of 1 to 4000 characters."]}}""";
        var page = Render();

        page.Find("[data-testid=start-return]").Click();
        page.InvokeAsync(() => Select<string>(page, "评估结果").Instance.ValueChanged.InvokeAsync("returned"));
        page.InvokeAsync(() => page.FindComponent<MudCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(true));
        page.Find("[data-testid=safety-warningSigns]").Change("失眠、独处时间变长");
        page.Find("[data-testid=record-return]").Click();

        page.WaitForAssertion(() => Assert.Single(_screening.Returns));
        var sent = _screening.Returns[0];
        Assert.Equal(("returned", true, "失眠、独处时间变长"), (sent.Outcome, sent.HospitalDocumentsReceived, sent.SafetyPlan!.WarningSigns));
        var step = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "让环境更安全的措施");
        page.WaitForAssertion(() => Assert.Equal("Give a text of 1 to 4000 characters.", step.Instance.GetState(x => x.ErrorText)));
        Assert.Empty(page.FindAll("[data-testid=return-problem]"));
        Assert.Equal("失眠、独处时间变长", page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "预警信号").Instance.GetState(x => x.Value));
        Assert.Equal("returned", Select<string>(page, "评估结果").Instance.GetState(x => x.Value));
    }
}
