using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using XinYu.Web.Components.Pages.Campaigns;

namespace XinYu.Web.Tests;

/// <summary>The printable sheet of answer codes (bunit): a slip per code with its student, code and a QR of the link.</summary>
[Trait("Category", "Unit")]
public sealed class AnswerCodeSheetTests : IAsyncLifetime
{
    private const string PublicAddress = "https://xinyu.example.cn/";
    private readonly BunitContext _context = new();

    public AnswerCodeSheetTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddLocalization();
        _context.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Identity:Issuer", PublicAddress)]).Build());
        _context.Services.AddSingleton<AnswerLinks>();
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<AnswerCodeSheet> Render(Guid campaign, params AnswerCodeSheet.Slip[] slips) =>
        _context.Render<AnswerCodeSheet>(p => p.Add(x => x.CampaignId, campaign).Add(x => x.CampaignName, "2026 秋季心理普测").Add(x => x.Slips, slips));

    [Fact]
    public void Each_code_gets_a_slip_with_its_students_name_class_code_and_a_QR_of_the_campaigns_link_without_the_code()
    {
        var campaign = Guid.NewGuid();
        AnswerCodeSheet.Slip[] slips = [new("李明", "七(3)班", "K7MX2Q9P"), new("王芳", "七(3)班", "H4RT8W2N"), new("张伟", "七(3)班", "P9QZ3M6C")];

        var sheet = Render(campaign, slips);

        var rendered = sheet.FindAll("[data-testid=slip]");
        Assert.Equal(3, rendered.Count);
        foreach (var (slip, element) in slips.Zip(rendered))
        {
            Assert.Equal(slip.StudentName, element.QuerySelector("[data-testid=slip-name]")!.TextContent);
            Assert.Contains(slip.ClassName, element.TextContent);
            Assert.Equal(slip.Code, element.QuerySelector("[data-testid=slip-code]")!.TextContent);
            var qr = element.QuerySelector("img[data-testid=slip-qr]")!;
            Assert.False(string.IsNullOrWhiteSpace(qr.GetAttribute("alt")));
            // Read back as a phone would: the link names the campaign only; the code is typed, never in the QR.
            var link = QrReader.Read(qr.GetAttribute("src")!);
            Assert.Equal($"{PublicAddress}answer/{campaign}", link);
            Assert.DoesNotContain(slip.Code, link);
        }
        Assert.Contains("只显示这一次", sheet.Find("[data-testid=shown-once]").TextContent);
    }

    [Fact]
    public void The_print_button_asks_the_browser_to_print_through_the_module_file_not_an_inline_script()
    {
        var sheet = Render(Guid.NewGuid(), new AnswerCodeSheet.Slip("李明", "七(3)班", "K7MX2Q9P"));
        var module = _context.JSInterop.SetupModule("./js/print.js");
        module.SetupVoid("printPage");

        sheet.Find("[data-testid=print]").Click();

        module.VerifyInvoke("printPage");
        Assert.DoesNotContain("<script", sheet.Markup);
    }
}
