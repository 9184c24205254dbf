using System.Net;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Refit;
using XinYu.Client.Staff;
using XinYu.ServiceDefaults.Auth;
using XinYu.Web.Api;
using XinYu.Web.Components.Pages.Counsellor;
using XinYu.Web.Live;

namespace XinYu.Web.Tests;

/// <summary>The counsellor's Today as a component (bunit): what it shows for each answer the API gives.</summary>
[Trait("Category", "Unit")]
public sealed class TodayTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeScreeningStaffApi _api = new();
    private readonly FakeRecordsApi _records = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 12, 2, 0, 0, TimeSpan.Zero));
    private readonly Guid _school = Guid.NewGuid();

    public TodayTests() => _auth = StaffPageContext.Register(_context, _api, _records, _clock);

    private readonly BunitAuthorizationContext _auth;

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously.
    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<Today> Render(bool withSchool = true)
    {
        _auth.SetAuthorized("王老师");
        if (withSchool) _auth.SetClaims(new Claim(XinYuClaims.School, _school.ToString()));
        return _context.Render<Today>();
    }

    private WarningSummary Warning(string level, string source, int minutesAgo) => new(Guid.NewGuid(), Guid.NewGuid(), _school, Guid.NewGuid(),
        level, source, "class", _clock.GetUtcNow().AddMinutes(-minutesAgo), _clock.GetUtcNow().AddMinutes(-minutesAgo), "open", null);

    [Fact]
    public void The_schools_open_warnings_show_their_level_source_and_age_in_words()
    {
        _api.Warnings = [Warning("crisis", "screening", 5), Warning("tier-4", "observation", 150)];

        var page = Render();

        var rows = page.FindAll("[data-testid=warnings] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("危机", rows[0].TextContent);
        Assert.Contains("心理筛查", rows[0].TextContent);
        Assert.Contains("5 分钟前", rows[0].TextContent);
        // A level the bureau configured and the app has no word for shows as it is named.
        Assert.Contains("tier-4", rows[1].TextContent);
        Assert.Contains("2 小时前", rows[1].TextContent);
        Assert.Equal([_school], _api.AskedFor);
    }

    [Fact]
    public async Task A_change_to_the_schools_queue_heard_from_the_bus_shows_without_a_reload()
    {
        var page = Render();
        Assert.NotNull(page.Find("[data-testid=no-warnings]"));
        _api.Warnings = [Warning("crisis", "screening", 0)];

        await _context.Services.GetRequiredService<SchoolBoard>().ChangedAsync(_school);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=warnings] tbody tr")));
        Assert.Equal([_school, _school], _api.AskedFor);
        // Another school's change is not this page's business.
        await _context.Services.GetRequiredService<SchoolBoard>().ChangedAsync(Guid.NewGuid());
        Assert.Equal(2, _api.AskedFor.Count);
    }

    [Fact]
    public void Todays_duty_rota_and_appointments_show_below_the_warnings()
    {
        var today = new DateOnly(2026, 10, 12); // 10:00 in Beijing
        var mine = new DutySlot(Guid.NewGuid(), _school, Guid.NewGuid(), today, new TimeOnly(14, 0), new TimeOnly(14, 45), true);
        _records.Slots.AddRange([mine, mine with { Id = Guid.NewGuid(), Date = today.AddDays(1) }]);
        var student = new StudentListing(Guid.NewGuid(), "张小明", null, "male", new DateOnly(2013, 1, 1), Guid.NewGuid(), 7, "active");
        _records.Students.Add(student);
        _records.Appointments.Add(new Appointment(Guid.NewGuid(), mine.Id, mine.CounsellorStaffId, student.Id, "student", "confirmed", _clock.GetUtcNow(), null));

        var page = Render();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=duty] li")));
        var line = page.Find("[data-testid=duty] li").TextContent;
        Assert.Contains("14:00–14:45", line);
        Assert.Contains("张小明", line);
        Assert.Contains("已确认", line);
    }

    [Fact]
    public void No_open_warning_says_so()
    {
        var page = Render();
        Assert.Contains("目前没有待处理的预警", page.Find("[data-testid=no-warnings]").TextContent);
    }

    [Fact]
    public void An_unavailable_service_says_try_again_and_an_ended_session_says_sign_in_again()
    {
        _api.Failure = HttpStatusCode.ServiceUnavailable;
        Assert.Contains("请稍后再试", Render().Find("[data-testid=load-problem]").TextContent);

        _api.Failure = HttpStatusCode.Unauthorized;
        Assert.Contains("请重新登录", _context.Render<Today>().Find("[data-testid=load-problem]").TextContent);
    }

    [Fact]
    public void A_member_of_staff_of_no_school_is_told_and_nothing_is_asked_of_the_API()
    {
        var page = Render(withSchool: false);
        Assert.Contains("未关联学校", page.Markup);
        Assert.Empty(_api.AskedFor);
    }
}
