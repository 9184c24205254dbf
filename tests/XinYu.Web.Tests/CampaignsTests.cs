using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using XinYu.Client.Staff;
using XinYu.ServiceDefaults.Auth;
using XinYu.Web.Components.Pages.Campaigns;

namespace XinYu.Web.Tests;

/// <summary>The Campaigns page (bunit): progress per class, a class's code states, issuing (to the sheet), revoking, reissuing.</summary>
[Trait("Category", "Unit")]
public sealed class CampaignsTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeScreeningStaffApi _screening = new();
    private readonly FakeRecordsApi _records = new();
    private readonly Guid _school = Guid.NewGuid();
    private readonly Guid _class = Guid.NewGuid();
    private readonly Guid _otherClass = Guid.NewGuid();
    private readonly Guid _campaign = Guid.NewGuid();
    private readonly Guid[] _students = [Guid.NewGuid(), Guid.NewGuid()];

    // 20:00 UTC on 30 September: already 04:00 on 1 October in Beijing, the first day of the campaign's window.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 30, 20, 0, 0, TimeSpan.Zero));

    public CampaignsTests()
    {
        var auth = StaffPageContext.Register(_context, _screening, _records, _clock, services => services
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([new("Identity:Issuer", "https://xinyu.example.cn/")]).Build())
            .AddSingleton<AnswerLinks>());
        auth.SetAuthorized("王老师");
        auth.SetClaims(new Claim(XinYuClaims.School, _school.ToString()));

        _screening.Campaigns = [new CampaignSummary(_campaign, "2026 秋季心理普测", ["phq-9@1"], [_school], [7], new(2026, 10, 1), new(2026, 10, 31), null)];
        _screening.Progress = new CampaignProgress(_campaign, new(2026, 10, 1), new(2026, 10, 31), 40, 12,
            [new SchoolProgress(_school, 40, 12, [new ClassProgress(_class, 7, 20, 2, true), new ClassProgress(_otherClass, 7, 20, 10, false)])], [_class]);
        _records.Classes.AddRange([new SchoolClass(_class, _school, 7, 2026, "七(3)班", false), new SchoolClass(_otherClass, _school, 7, 2026, "七(4)班", false)]);
        _records.Students.AddRange([Student(_students[0], "李明"), Student(_students[1], "王芳")]);
        _screening.Issue = _ => [new IssuedAnswerCode(Guid.NewGuid(), _students[1], "H4RT8W2N"), new IssuedAnswerCode(Guid.NewGuid(), _students[0], "K7MX2Q9P")];
    }

    private StudentListing Student(Guid id, string name) => new(id, name, null, "f", new(2013, 3, 1), _class, 7, "active");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<Campaigns> OpenCodesOfFirstClass()
    {
        var page = _context.Render<Campaigns>();
        page.FindAll("[data-testid=show-codes]")[0].Click();
        return page;
    }

    [Fact]
    public void The_campaign_running_on_the_bureaus_date_is_the_one_shown_first_whatever_the_servers_zone()
    {
        // On the bureau's date October's campaign runs and September's is over; on the server's (UTC) date it would be the reverse.
        var september = new CampaignSummary(Guid.NewGuid(), "九月复测", ["phq-9@1"], [_school], [7], new(2026, 9, 1), new(2026, 9, 30), null);
        _screening.Campaigns = [_screening.Campaigns[0], september];

        _context.Render<Campaigns>();

        Assert.Equal([_campaign], _screening.ProgressAskedFor);
    }

    [Fact]
    public void The_progress_shows_each_class_by_its_schools_name_with_answered_of_invited_and_those_behind()
    {
        var page = _context.Render<Campaigns>();

        Assert.Contains("已完成 12 人，应参加 40 人", page.Find("[data-testid=progress-total]").TextContent);
        var rows = page.FindAll("[data-testid=classes] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("七(3)班", rows[0].TextContent);
        Assert.Contains("2 / 20", rows[0].TextContent);
        Assert.Contains("落后", rows[0].TextContent);
        Assert.Contains("七(4)班", rows[1].TextContent);
        Assert.Contains("正常", rows[1].TextContent);
    }

    [Fact]
    public void Issuing_asks_first_then_shows_the_sheet_with_each_students_name_and_closing_it_forgets_the_codes()
    {
        var page = OpenCodesOfFirstClass();
        Assert.Contains("未使用 0，已使用 0", page.Find("[data-testid=code-counts]").TextContent);

        page.Find("[data-testid=issue-codes]").Click();
        Assert.Empty(page.FindAll("[data-testid=slip]")); // only asked so far
        Assert.Contains("只显示一次", page.Find("[data-testid=confirm-codes]").TextContent);
        page.Find("[data-testid=confirm]").Click();

        var slips = page.FindAll("[data-testid=slip]");
        Assert.Equal(2, slips.Count);
        Assert.Equal(["李明", "王芳"], slips.Select(s => s.QuerySelector("[data-testid=slip-name]")!.TextContent));
        Assert.Equal(["K7MX2Q9P", "H4RT8W2N"], slips.Select(s => s.QuerySelector("[data-testid=slip-code]")!.TextContent));
        Assert.All(slips, s => Assert.Contains("七(3)班", s.TextContent));

        page.Find("[data-testid=close-sheet]").Click();

        Assert.Empty(page.FindAll("[data-testid=slip]"));
        Assert.DoesNotContain("K7MX2Q9P", page.Markup);
        Assert.Contains("未使用 2，已使用 0", page.Find("[data-testid=code-counts]").TextContent);
    }

    [Fact]
    public void Revoking_and_reissuing_an_unused_code_ask_first_and_a_reissued_code_prints_on_a_slip_of_its_own()
    {
        var (code, used) = (Guid.NewGuid(), Guid.NewGuid());
        _screening.Codes[_class] = [new AnswerCodeStatus(code, _students[0], "issued", DateTimeOffset.UtcNow, null, null),
            new AnswerCodeStatus(used, _students[1], "used", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null)];
        var page = OpenCodesOfFirstClass();
        // A used code can be neither revoked nor reissued: only the unused one has the buttons.
        Assert.Single(page.FindAll("[data-testid=revoke]"));

        page.Find("[data-testid=reissue]").Click();
        Assert.Contains("李明", page.Find("[data-testid=confirm-codes]").TextContent);
        page.Find("[data-testid=confirm]").Click();

        Assert.Equal([code], _screening.Reissued);
        var slip = Assert.Single(page.FindAll("[data-testid=slip]"));
        Assert.Equal("NEWCODE9", slip.QuerySelector("[data-testid=slip-code]")!.TextContent);
        page.Find("[data-testid=close-sheet]").Click();

        page.Find("[data-testid=revoke]").Click();
        Assert.Empty(_screening.Revoked);
        page.Find("[data-testid=confirm]").Click();
        Assert.Single(_screening.Revoked);
        Assert.Contains("答题码已作废", page.Find("[data-testid=codes-done]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=revoke]"));
    }

    [Fact]
    public void A_refused_issue_shows_the_APIs_words()
    {
        var page = OpenCodesOfFirstClass();
        _screening.ActionFailure = System.Net.HttpStatusCode.BadRequest;
        _screening.ActionProblem = """{"title":"One or more validation errors occurred.","errors":{"campaignId":["The campaign's window is over."]}}""";

        page.Find("[data-testid=issue-codes]").Click();
        page.Find("[data-testid=confirm]").Click();

        Assert.Contains("The campaign's window is over.", page.Find("[data-testid=codes-problem]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=slip]"));
    }
}
