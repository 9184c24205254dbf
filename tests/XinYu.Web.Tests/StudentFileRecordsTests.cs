using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.Time.Testing;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;
using XinYu.Client.Staff;
using XinYu.ServiceDefaults.Auth;
using XinYu.Web.Api;
using XinYu.Web.Components.Pages.Records;
using XinYu.Web.Resources;

namespace XinYu.Web.Tests;

/// <summary>The student's file, Records side (bunit): correcting an entry, the consents section, the print view.</summary>
[Trait("Category", "Unit")]
public sealed class StudentFileRecordsTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeRecordsApi _api = new();
    private readonly BunitAuthorizationContext _auth;
    private readonly Guid _school = Guid.NewGuid();
    private readonly Guid _student = Guid.NewGuid();
    private readonly Guid _guardian = Guid.NewGuid();

    public StudentFileRecordsTests()
    {
        _auth = StaffPageContext.Register(_context, new FakeScreeningStaffApi(), _api, new FakeTimeProvider(Monday));
        _auth.SetAuthorized("王老师");
        _auth.SetClaims(new Claim(XinYuClaims.School, _school.ToString()));
        _auth.SetRoles(XinYuRoles.Counsellor);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static readonly DateTimeOffset Monday = new(2026, 10, 12, 2, 0, 0, TimeSpan.Zero);

    private StudentFile FileWith(IReadOnlyList<FileEntry> family, IReadOnlyList<FileEntry> psychological) =>
        new(["basic", "family-situation", "guardians", "psychological-status"],
            new StudentBasicFacts(_student, "张小明", "G110101201301010011", "male", new DateOnly(2013, 1, 1), _school, Guid.NewGuid(), 7, "active", Monday, null),
            [new StudentGuardian(_guardian, "张建国", "father", "13800000000")], family, psychological, []);

    private IRenderedComponent<StudentFilePage> RenderFile() => _context.Render<StudentFilePage>(p => p.Add(c => c.StudentId, _student));

    private static IRenderedComponent<MudTextField<string>> TextField(IRenderedComponent<StudentFilePage> page, string label) =>
        page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label);

    [Fact]
    public void Correcting_an_entry_opens_the_form_with_its_section_and_text_and_sends_corrects_with_its_id()
    {
        var family = new FileEntry(Guid.NewGuid(), "family-situation", "父母离异，随母亲生活。", null, "me", Monday);
        var status = new FileEntry(Guid.NewGuid(), "psychological-status", "情绪稳定。", null, "me", Monday.AddHours(1));
        _api.File = FileWith([family], [status]);
        var page = RenderFile();

        var line = page.FindAll("[data-testid=timeline] li").Single(li => li.TextContent.Contains("父母离异"));
        line.QuerySelector("[data-testid=correct-entry]")!.Click();

        // The form names the entry corrected and holds its section (not the form's default) and text to edit.
        Assert.Contains("更正一条记录", page.Find("#entry-heading").TextContent);
        var section = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "类别");
        Assert.Equal("family-situation", section.Instance.GetState(x => x.Value));
        var text = TextField(page, "内容");
        Assert.Equal("父母离异，随母亲生活。", text.Instance.GetState(x => x.Value));
        Assert.Contains("家庭情况", TextField(page, "更正的记录").Instance.GetState(x => x.Value));

        page.InvokeAsync(() => text.Instance.ValueChanged.InvokeAsync("父母离异，随父亲生活。"));
        page.Find("[data-testid=save-entry]").Click();

        var sent = Assert.Single(_api.Added);
        Assert.Equal(new NewFileEntry("family-situation", "父母离异，随父亲生活。", family.Id), sent);
        // Sent: the form is a plain new entry again.
        page.WaitForAssertion(() => Assert.Contains("添加记录", page.Find("#entry-heading").TextContent));
        // The page re-rendered and read the file again; the consents (an audited read) were read once, for this student.
        Assert.Equal(1, _api.ConsentReads);
    }

    [Fact]
    public void A_corrected_entry_shows_struck_through_with_its_correction_and_only_the_correction_can_be_corrected_again()
    {
        var first = new FileEntry(Guid.NewGuid(), "psychological-status", "情绪低落。", null, "me", Monday);
        var correction = new FileEntry(Guid.NewGuid(), "psychological-status", "情绪低落，睡眠差。", first.Id, "me", Monday.AddHours(2));
        _api.File = FileWith([], [first, correction]);
        var page = RenderFile();

        var corrected = page.Find($"[data-entry='{first.Id}']");
        Assert.Equal("DEL", corrected.FirstElementChild!.TagName);
        var lines = page.FindAll("[data-testid=timeline] li").ToList();
        var firstLine = lines.Single(li => li.QuerySelector($"[data-entry='{first.Id}']") is not null);
        var correctionLine = lines.Single(li => li.QuerySelector($"[data-entry='{correction.Id}']") is not null);
        Assert.Contains("已更正", firstLine.QuerySelector("[data-testid=corrected-label]")!.TextContent);
        Assert.Null(firstLine.QuerySelector("[data-testid=correct-entry]"));
        Assert.Contains("更正了", correctionLine.QuerySelector("[data-testid=correction-label]")!.TextContent);
        // Times are the bureau's (Beijing): 02:00 UTC is 10:00 at the school, whatever zone the server runs in.
        Assert.Contains("2026-10-12 10:00", correctionLine.QuerySelector("[data-testid=correction-label]")!.TextContent);
        Assert.Contains("2026-10-12 12:00", correctionLine.TextContent);
        Assert.NotNull(correctionLine.QuerySelector("[data-testid=correct-entry]"));
        // Newest first: the correction comes before the entry it corrects.
        Assert.True(lines.IndexOf(correctionLine) < lines.IndexOf(firstLine));
    }

    [Fact]
    public void A_refused_correction_shows_the_apis_words_at_the_corrected_entry_field_and_keeps_the_text()
    {
        var status = new FileEntry(Guid.NewGuid(), "psychological-status", "情绪稳定。", null, "me", Monday);
        _api.File = FileWith([], [status]);
        _api.RefuseEntry = (HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"corrects":["No entry of this section of this file has this id."]}}""");
        var page = RenderFile();

        page.Find("[data-testid=correct-entry]").Click();
        var section = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "类别");
        page.InvokeAsync(() => section.Instance.ValueChanged.InvokeAsync("family-situation")); // another section than the entry's
        page.Find("[data-testid=save-entry]").Click();

        var corrects = TextField(page, "更正的记录");
        page.WaitForAssertion(() => Assert.True(corrects.Instance.GetState(x => x.Error)));
        Assert.Equal("No entry of this section of this file has this id.", corrects.Instance.GetState(x => x.ErrorText));
        Assert.Empty(page.FindAll("[data-testid=entry-problem]"));
        Assert.Equal("情绪稳定。", TextField(page, "内容").Instance.GetState(x => x.Value));
        Assert.Equal(status.Id, Assert.Single(_api.Added).Corrects);
    }

    [Fact]
    public void The_consents_show_what_stands_per_purpose_with_the_history_behind_and_a_decision_is_recorded_for_a_guardian()
    {
        _api.File = FileWith([], []);
        _api.Consents.Add(new StudentConsent(Guid.NewGuid(), "screening", null, true, _guardian, "paper", Monday.AddDays(-30), "me", Monday.AddDays(-30)));
        _api.Consents.Add(new StudentConsent(Guid.NewGuid(), "screening", null, false, _guardian, "online", Monday.AddDays(-2), "me", Monday.AddDays(-2)));
        var page = RenderFile();

        var current = Assert.Single(page.FindAll("[data-testid=consents-current] li"));
        Assert.Contains("心理筛查 · 不同意或撤回 · 张建国 (父亲) · 线上确认", current.TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=consents-history] li").Count);

        var decision = page.FindComponents<MudSelect<bool?>>().Single(s => s.Instance.Label == "监护人意见");
        var guardian = page.FindComponents<MudSelect<Guid?>>().Single(s => s.Instance.Label == "监护人");
        page.InvokeAsync(() => decision.Instance.ValueChanged.InvokeAsync(true));
        page.InvokeAsync(() => guardian.Instance.ValueChanged.InvokeAsync(_guardian));
        page.Find("[data-testid=record-consent]").Click();

        Assert.Equal(new NewConsent("screening", null, true, _guardian, "paper"), Assert.Single(_api.ConsentsRecorded));
        page.WaitForAssertion(() => Assert.Contains("心理筛查 · 同意 ·", page.Find("[data-testid=consents-current] li").TextContent));
    }

    [Fact]
    public void A_head_teacher_whom_records_refuses_consents_gets_no_consents_section_and_no_form_and_nothing_is_asked()
    {
        _auth.SetRoles(XinYuRoles.HeadTeacher);
        _api.File = FileWith([], []);
        var page = RenderFile();

        Assert.Contains("张小明", page.Find("[data-testid=file-heading]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=consent-form]"));
        Assert.Empty(page.FindAll("[data-testid=consents]"));
        Assert.Equal(0, _api.ConsentReads);
    }

    private async Task<(HttpContext Http, string Body)> PrintAsync()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        var result = await PrintedFileEndpoint.PrintAsync(_student, _api, _context.Services.GetRequiredService<IStringLocalizer<UiText>>(), http);
        await result.ExecuteAsync(http);
        return (http, Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Fact]
    public async Task The_print_view_hands_on_records_document_as_html_that_no_cache_keeps_from_a_link_naming_only_the_id()
    {
        _api.File = FileWith([], []);
        var page = RenderFile();
        var link = page.Find("[data-testid=print-file]");
        Assert.Equal($"/students/{_student}/print", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));

        var (http, body) = await PrintAsync();

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        Assert.StartsWith("text/html", http.Response.ContentType);
        Assert.Equal(_api.PrintedFile, body);
    }

    [Fact]
    public async Task A_file_out_of_reach_prints_as_a_missing_one_with_the_file_pages_words_and_no_store()
    {
        _api.RefusePrint = (HttpStatusCode.Forbidden, """{"title":"Forbidden","status":403}""");

        var (http, body) = await PrintAsync();

        Assert.Equal(StatusCodes.Status404NotFound, http.Response.StatusCode);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        Assert.Contains("没有找到，或不在您的权限范围内。", body);
        Assert.Contains($"href=\"/students/{_student}\"", body);
    }
}
