using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using XinYu.Client.Students;
using XinYu.ServiceDefaults.Time;
using XinYu.Web.Components.Layout;
using XinYu.Web.Components.Pages.Students;

namespace XinYu.Web.Tests;

/// <summary>The students' answer page as a component (bunit): the language switch while answering, the day named after a critical answer.</summary>
[Trait("Category", "Unit")]
public sealed class AnswerPageTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeAnswers _api = new();
    private readonly StudentPageState _state = new();
    private readonly Guid _campaign = Guid.NewGuid();

    public AnswerPageTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddLocalization();
        _context.Services.AddSingleton<IStudentAnswersApi>(_api);
        _context.Services.AddSingleton(_state);
        // 10:00 on Thursday 15 October 2026 in Asia/Shanghai.
        _context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 10, 15, 2, 0, 0, TimeSpan.Zero)));
        _context.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new BureauOptions()));
        _context.Services.AddSingleton<SchoolClock>();
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task<IRenderedComponent<Answer>> AnsweringAsync()
    {
        var page = _context.Render<Answer>(p => p.Add(a => a.CampaignId, _campaign));
        page.Find("#answer-code").Change("H4RT8W2N");
        await page.Find("[data-testid=code-form]").SubmitAsync();
        return page;
    }

    [Fact]
    public async Task The_language_switch_is_not_offered_while_a_student_answers_since_its_reload_would_lose_the_answers()
    {
        var layout = _context.Render<StudentLayout>();
        Assert.NotEmpty(layout.FindAll("[data-testid=language-switch]"));

        await AnsweringAsync();

        Assert.True(_state.Answering);
        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll("[data-testid=language-switch]")));
    }

    [Theory]
    [InlineData("2026-10-15", "今天就会来找你")]
    [InlineData("2026-10-19", "最晚在10月19日（星期一）")]
    public async Task After_a_critical_answer_the_page_names_the_day_the_counsellor_will_be_in_touch(string contactBy, string said)
    {
        _api.ContactBy = DateOnly.Parse(contactBy);
        var page = await AnsweringAsync();
        page.Find("[data-testid=begin]").Click();
        foreach (var id in new[] { "phq-9-0-1", "phq-9-1-1" }) page.Find($"#{id}").Change(true); // item 9 at 1: critical
        await page.Find("[data-testid=questions]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(said, page.Find("[data-testid=support]").TextContent));
        Assert.False(_state.Answering); // the switch is back once the answers are in
    }

    private sealed class FakeAnswers : IStudentAnswersApi
    {
        public DateOnly? ContactBy { get; set; }

        public Task<RedeemedCode> RedeemAsync(RedeemRequest request, CancellationToken ct = default) =>
            Task.FromResult(new RedeemedCode(request.CampaignId, "秋季普测", "说明", new(2026, 10, 31),
                [new StudentInstrument("phq-9", 1, "PHQ-9", "PHQ-9", new AnswerScale(0, 3, [new(0, "完全不会", "Not at all"), new(1, "好几天", "Several days")]),
                    [new StudentItem("1", "做事提不起劲", "Little interest"), new StudentItem("9", "有不如死掉的念头", "Thoughts of self-harm")])]));

        public Task<CodeSubmissionResult> SubmitAsync(CodeSubmissionRequest request, CancellationToken ct = default) =>
            Task.FromResult(new CodeSubmissionResult("submitted", DateTimeOffset.UtcNow, new SupportView([new("全国心理援助热线", "12356")], ContactBy)));
    }
}
