using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using XinYu.Client.Staff;
using XinYu.ServiceDefaults.Auth;
using XinYu.Web.Api;
using XinYu.Web.Components.Pages.Counsellor;
using XinYu.Web.Live;

namespace XinYu.Web.Tests;

/// <summary>Today's warnings worked from the page (bunit): order, the escalation deadline, acknowledging, escalating, observing.</summary>
[Trait("Category", "Unit")]
public sealed class TodayWarningActionsTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeScreeningStaffApi _api = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 12, 2, 0, 0, TimeSpan.Zero));
    private readonly Guid _school = Guid.NewGuid();

    public TodayWarningActionsTests()
    {
        var auth = StaffPageContext.Register(_context, _api, new FakeRecordsApi(), _clock);
        auth.SetAuthorized("王老师");
        auth.SetClaims(new Claim(XinYuClaims.School, _school.ToString()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private WarningSummary Warning(string level, int minutesAgo, string tier = "class", int? escalatesInMinutes = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), _school, Guid.NewGuid(), level, "screening", tier, _clock.GetUtcNow().AddMinutes(-minutesAgo),
            _clock.GetUtcNow().AddMinutes(-minutesAgo), "open", null,
            escalatesInMinutes is { } m ? _clock.GetUtcNow().AddMinutes(m) : null);

    private IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Today> page) =>
        page.FindAll("[data-testid=warnings] tbody tr").Where(r => r.QuerySelector("[data-testid=acknowledge]") is not null).ToList();

    [Fact]
    public void Crises_come_first_newest_first_each_with_the_time_until_it_escalates()
    {
        var olderCrisis = Warning("crisis", 40, escalatesInMinutes: 20);
        var newHigh = Warning("high", 1, escalatesInMinutes: 23 * 60);
        var newCrisis = Warning("crisis", 0, escalatesInMinutes: 60);
        var atBureau = Warning("high", 3000, tier: "bureau");
        _api.Warnings = [newHigh, newCrisis, olderCrisis, atBureau];

        var rows = Rows(_context.Render<Today>());

        Assert.Equal(4, rows.Count);
        Assert.Contains("0 分钟前", rows[0].TextContent);
        Assert.Contains("60 分钟后升级", rows[0].QuerySelector("[data-testid=escalates]")!.TextContent);
        Assert.Contains("20 分钟后升级", rows[1].QuerySelector("[data-testid=escalates]")!.TextContent);
        Assert.Contains("23 小时后升级", rows[2].QuerySelector("[data-testid=escalates]")!.TextContent);
        Assert.Contains("已到最高一级", rows[3].QuerySelector("[data-testid=escalates]")!.TextContent);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(60).ToString("O"), rows[0].QuerySelector("[data-testid=escalates] time")!.GetAttribute("datetime"));
    }

    [Fact]
    public void A_deadline_passed_before_the_sweep_came_round_says_escalating_now()
    {
        _api.Warnings = [Warning("crisis", 61, escalatesInMinutes: -1)];
        Assert.Contains("即将升级", Rows(_context.Render<Today>())[0].TextContent);
    }

    [Fact]
    public void Acknowledging_asks_first_then_calls_the_API_and_reads_the_queue_again()
    {
        var crisis = Warning("crisis", 5, escalatesInMinutes: 55);
        _api.Warnings = [crisis];
        var page = _context.Render<Today>();

        page.Find("[data-testid=acknowledge]").Click();
        Assert.Empty(_api.Acknowledged); // only asked so far
        Assert.Contains("确认由您接手", page.Find("[data-testid=confirm-acknowledge]").TextContent);

        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-warnings]")));
        Assert.Equal([crisis.Id], _api.Acknowledged);
        Assert.Equal(2, _api.AskedFor.Count); // loaded, then read again after the acknowledgement
    }

    [Fact]
    public void A_refused_acknowledgement_shows_the_APIs_words_and_keeps_the_warning()
    {
        _api.Warnings = [Warning("crisis", 5, escalatesInMinutes: 55)];
        _api.ActionFailure = HttpStatusCode.Conflict;
        _api.ActionProblem = """{"title":"Conflict","detail":"The warning was escalated a moment ago; look again and acknowledge at its new tier.","errors":{"warningId":["The warning was escalated a moment ago; look again and acknowledge at its new tier."]}}""";
        var page = _context.Render<Today>();

        page.Find("[data-testid=acknowledge]").Click();
        page.Find("[data-testid=confirm]").Click();

        Assert.Contains("escalated a moment ago", page.Find("[data-testid=action-problem]").TextContent);
        Assert.Single(Rows(page));
        Assert.Empty(_api.Acknowledged);
    }

    [Fact]
    public void Escalating_by_hand_names_the_next_tier_asks_first_and_is_not_offered_at_the_bureau()
    {
        var atClass = Warning("crisis", 5, escalatesInMinutes: 55);
        var atBureau = Warning("high", 3000, tier: "bureau");
        _api.Warnings = [atClass, atBureau];
        var page = _context.Render<Today>();
        Assert.Single(page.FindAll("[data-testid=escalate]")); // the bureau is the chain's top

        page.Find("[data-testid=escalate]").Click();
        Assert.Empty(_api.Escalated); // only asked so far
        Assert.Contains("升级到学校", page.Find("[data-testid=confirm-escalate]").TextContent);
        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal([atClass.Id], _api.Escalated));
        Assert.Empty(_api.Acknowledged);
        page.WaitForAssertion(() => Assert.Contains("已升级到学校", page.Find("[data-testid=warning-done]").TextContent));
    }

    [Fact]
    public void A_refused_escalation_shows_the_APIs_words_and_keeps_the_warning_where_it_was()
    {
        _api.Warnings = [Warning("crisis", 5, escalatesInMinutes: 55)];
        _api.ActionFailure = HttpStatusCode.Conflict;
        _api.ActionProblem = """{"title":"Conflict","errors":{"warningId":["The warning was acknowledged at its tier; it no longer escalates."]}}""";
        var page = _context.Render<Today>();

        page.Find("[data-testid=escalate]").Click();
        page.Find("[data-testid=confirm]").Click();

        Assert.Contains("no longer escalates", page.Find("[data-testid=action-problem]").TextContent);
        Assert.Empty(_api.Escalated);
        Assert.Contains("班级", Rows(page)[0].TextContent);
    }

    [Fact]
    public void An_observation_of_the_warnings_student_is_sent_and_a_refused_note_shows_beside_its_field()
    {
        var warning = Warning("high", 5, escalatesInMinutes: 60);
        _api.Warnings = [warning];
        var page = _context.Render<Today>();
        page.Find("[data-testid=observe]").Click();

        _api.ActionFailure = HttpStatusCode.BadRequest;
        _api.ActionProblem = """{"title":"One or more validation errors occurred.","errors":{"note":["Describe what you observed in 1 to 4000 characters."]}}""";
        page.Find("[data-testid=record-observation]").Click();
        Assert.Contains("Describe what you observed", page.Find("[data-testid=observation-form]").TextContent);
        Assert.Empty(_api.Observed);

        _api.ActionFailure = null;
        page.Find("[data-testid=observation-form] textarea").Change("课间独自哭泣");
        page.Find("[data-testid=record-observation]").Click();

        page.WaitForAssertion(() => Assert.Single(_api.Observed));
        Assert.Equal(new ObservationRequest(warning.StudentId, "high", "课间独自哭泣"), _api.Observed[0]);
        page.WaitForAssertion(() => Assert.Contains("观察已记录", page.Find("[data-testid=warning-done]").TextContent));
    }
}
