using System.Net.Http.Json;
using System.Text.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The staff web app (web/XinYu.Web) in a real browser (Debian's headless Chromium, driven by playwright-core, with
/// axe-core's accessibility check), through the gateway of the running suite: sign-in at the identity service,
/// the counsellor's Today on a desktop and a 360 px phone, the language switch, sign-out.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class WebAppTests(SuiteFixture suite)
{
    private static readonly string Driver = Path.Combine(RepositoryPaths.Root, "tests", "browser-web");

    /// <summary>Where the pages' screenshots go (docs/web/ holds the ones shown in docs/web.md, copied from here).</summary>
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task A_counsellor_signs_in_sees_a_new_crisis_warning_arrive_live_on_desktop_and_phone_and_signs_out()
    {
        using var enrolled = await EnrolledStudent.EnrolAsync(suite);
        // A PHQ-9 with item 9 answered: the school's crisis warning, as the counsellor's queue will show it.
        await Eventually.AssertAsync(async () =>
        {
            using var submitted = await enrolled.Counsellor.PostAsJsonAsync("/api/screening/submissions", new
            {
                submissionId = Guid.NewGuid(), studentId = enrolled.Student, instrumentCode = "phq-9", instrumentVersion = 1,
                answers = new[] { 1, 1, 0, 0, 0, 0, 0, 0, 1 },
            });
            return submitted.IsSuccessStatusCode;
        }, EnrolledStudent.Delivery, "Screening to learn the student and the consent");
        var (email, password, _) = await EnrolledStudent.StaffAccountAsync(suite, enrolled.Bureau, enrolled.School, "counsellor", "王老师");

        // The second crisis answer, submitted while Today is open in the browser.
        var second = JsonSerializer.Serialize(new
        {
            submissionId = Guid.NewGuid(), studentId = enrolled.Student, instrumentCode = "phq-9", instrumentVersion = 1,
            answers = new[] { 2, 2, 1, 0, 0, 0, 0, 0, 2 },
        });

        var seen = await BrowseAsync("counsellor-today.mjs", email, password,
            enrolled.Counsellor.DefaultRequestHeaders.Authorization!.Parameter!, second);

        Assert.Equal("/account/login", seen.GetProperty("signInPage").GetString());
        var desktop = seen.GetProperty("pages").GetProperty("desktop");
        Assert.Equal("/today", desktop.GetProperty("url").GetString());
        Assert.Equal("今日工作", desktop.GetProperty("heading").GetString());
        Assert.Equal("zh-CN", desktop.GetProperty("lang").GetString());
        Assert.Equal(JsonValueKind.Null, desktop.GetProperty("problem").ValueKind);
        var rows = desktop.GetProperty("rows").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(rows, row => row.Contains("危机") && row.Contains("心理筛查"));

        // The browser holds cookies only, each HttpOnly (the tokens stay on the server), and nothing in its storage.
        Assert.All(desktop.GetProperty("cookies").EnumerateArray(), cookie =>
            Assert.True(cookie.GetProperty("httpOnly").GetBoolean(), $"{cookie.GetProperty("name")} is readable by scripts"));
        Assert.Contains(desktop.GetProperty("cookies").EnumerateArray(), c => c.GetProperty("name").GetString() == "xinyu.web");
        Assert.Empty(desktop.GetProperty("storage").GetProperty("local").EnumerateArray());
        Assert.Empty(desktop.GetProperty("storage").GetProperty("session").EnumerateArray());
        Assert.Contains("script-src 'self'", desktop.GetProperty("csp").GetString());

        // The new warning appeared in the open page without a reload (the time it took is in the output, not asserted).
        var live = seen.GetProperty("live");
        Assert.Equal(201, live.GetProperty("submitStatus").GetInt32());
        Assert.Equal(live.GetProperty("rowsBefore").GetInt32() + 1, live.GetProperty("rowsAfter").GetInt32());
        Console.WriteLine($"Today showed the new warning {live.GetProperty("appearedAfterMs")} ms after it was submitted.");

        var phone = seen.GetProperty("pages").GetProperty("phone");
        Assert.Equal("今日工作", phone.GetProperty("heading").GetString());
        Assert.True(phone.GetProperty("scrollWidth").GetInt32() <= 360, $"the phone page is {phone.GetProperty("scrollWidth")} px wide");

        var english = seen.GetProperty("pages").GetProperty("english");
        Assert.Equal("Today", english.GetProperty("heading").GetString());
        Assert.Equal("en", english.GetProperty("lang").GetString());

        Assert.StartsWith("/account/login", seen.GetProperty("afterSignOut").GetString());
        Assert.StartsWith("/account/login", seen.GetProperty("afterRevisit").GetString());

        var violations = desktop.GetProperty("violations").EnumerateArray().Concat(phone.GetProperty("violations").EnumerateArray()).ToList();
        Assert.True(violations.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", violations));
    }

    private async Task<JsonElement> BrowseAsync(string script, params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: `./xinyu.sh test` installs Debian's chromium package.");
        await ExternalTools.EnsureNpmPackagesAsync(Driver);
        Directory.CreateDirectory(Screenshots);
        var (code, stdout, stderr) = await ExternalTools.RunAsync("node",
            [Path.Combine(Driver, script), suite.Issuer, args[0], args[1], Screenshots, .. args[2..]], stdin: null, TimeSpan.FromSeconds(240));
        Assert.True(code == 0, $"the browser run failed ({code}):\n{stderr}\n{stdout}");
        return JsonDocument.Parse(stdout).RootElement;
    }
}
