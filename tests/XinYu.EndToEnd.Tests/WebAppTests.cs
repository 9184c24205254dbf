using System.Text.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The web app (web/XinYu.Web) in real browsers (Debian's headless Chromium, driven by playwright-core, with axe-core's
/// accessibility check), through the gateway of the running suite: a screening day from the counsellor's Today and a
/// student's phone (tests/browser-web/screening-day.mjs).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class WebAppTests(SuiteFixture suite)
{


    [Fact]
    public async Task A_student_answers_on_a_phone_with_a_code_and_the_counsellors_open_Today_shows_the_crisis_warning_live()
    {
        using var enrolled = await EnrolledStudent.EnrolAsync(suite);
        var (campaign, code) = await AnswerCodeCampaign.OpenAsync(enrolled);
        var (email, password, _) = await EnrolledStudent.StaffAccountAsync(suite, enrolled.Bureau, enrolled.School, "counsellor", "王老师");

        // PHQ-9 with item 9 (thoughts of self-harm) at 1.
        var seen = await BrowserRun.RunAsync(suite, "screening-day.mjs", email, password, campaign.ToString(), code, "1,1,0,0,0,0,0,0,1");

        // The student: the questions, the calm message with the hotline, no score or level, nothing kept in the browser.
        var student = seen.GetProperty("student");
        Assert.Equal("explanation", student.GetProperty("afterCode").GetString());
        Assert.Equal(9, student.GetProperty("questions").GetInt32());
        Assert.True(student.GetProperty("support").GetBoolean());
        var done = student.GetProperty("done").GetString()!;
        Assert.Contains("心理老师会尽快", done);
        Assert.Contains("12356", done);
        Assert.DoesNotContain("crisis", done);
        Assert.DoesNotContain("危机", done);
        Assert.DoesNotContain(code, student.GetProperty("url").GetString()); // the code is typed, never in a URL
        Assert.True(student.GetProperty("scrollWidth").GetInt32() <= 360, $"the answer page is {student.GetProperty("scrollWidth")} px wide");
        Assert.Empty(student.GetProperty("storage").GetProperty("local").EnumerateArray());
        Assert.Empty(student.GetProperty("storage").GetProperty("session").EnumerateArray());
        // The same code again, in another browser: refused in words a student understands.
        Assert.Contains("无法使用", seen.GetProperty("reused").GetString());

        // The counsellor: signed in at the identity service, Today showed the new warning without a reload (the time it
        // took is printed, not asserted).
        Assert.Equal("/account/login", seen.GetProperty("signInPage").GetString());
        var live = seen.GetProperty("live");
        Assert.Contains(live.GetProperty("rows").EnumerateArray(), row => row.GetString()!.Contains("危机") && row.GetString()!.Contains("心理筛查"));
        Assert.Equal(live.GetProperty("before").GetInt32() + 1, live.GetProperty("rows").GetArrayLength());
        Console.WriteLine($"Today showed the student's warning {live.GetProperty("appearedAfterMs")} ms after the student pressed submit.");

        var desktop = seen.GetProperty("pages").GetProperty("desktop");
        Assert.Equal("/today", desktop.GetProperty("url").GetString());
        Assert.Equal("今日工作", desktop.GetProperty("heading").GetString());
        Assert.Equal("zh-CN", desktop.GetProperty("lang").GetString());
        // The browser holds cookies only, each HttpOnly (the tokens stay on the server), and nothing in its storage.
        Assert.All(desktop.GetProperty("cookies").EnumerateArray(), cookie =>
            Assert.True(cookie.GetProperty("httpOnly").GetBoolean(), $"{cookie.GetProperty("name")} is readable by scripts"));
        Assert.Contains(desktop.GetProperty("cookies").EnumerateArray(), c => c.GetProperty("name").GetString() == "xinyu.web");
        Assert.Empty(desktop.GetProperty("storage").GetProperty("local").EnumerateArray());
        Assert.Empty(desktop.GetProperty("storage").GetProperty("session").EnumerateArray());
        Assert.Contains("script-src 'self'", desktop.GetProperty("csp").GetString());
        // A sign-out posted without the form's antiforgery token (with the session's cookie) is refused, and the
        // session goes on: the live update above came after it.
        Assert.Equal(400, seen.GetProperty("forgedSignOut").GetInt32());

        var phone = seen.GetProperty("pages").GetProperty("phone");
        Assert.Equal("今日工作", phone.GetProperty("heading").GetString());
        Assert.True(phone.GetProperty("scrollWidth").GetInt32() <= 360, $"Today on a phone is {phone.GetProperty("scrollWidth")} px wide");
        var english = seen.GetProperty("pages").GetProperty("english");
        Assert.Equal("Today", english.GetProperty("heading").GetString());
        Assert.Equal("en", english.GetProperty("lang").GetString());
        Assert.StartsWith("/account/login", seen.GetProperty("afterSignOut").GetString());
        Assert.StartsWith("/account/login", seen.GetProperty("afterRevisit").GetString());

        var violations = seen.GetProperty("violations").EnumerateArray().ToList();
        Assert.True(violations.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task Through_the_gateway_a_staff_page_asks_for_sign_in_a_students_page_opens_and_an_unknown_api_path_is_a_404()
    {
        using var http = suite.CreateClient(followRedirects: false); // no token, no cookie

        using var staffPage = await http.GetAsync("/today");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, staffPage.StatusCode);
        Assert.StartsWith(suite.Issuer + "connect/authorize?client_id=xinyu-web", staffPage.Headers.Location!.ToString());
        Assert.Contains("code_challenge=", staffPage.Headers.Location!.Query); // PKCE

        using var studentPage = await http.GetAsync($"/answer/{Guid.NewGuid()}");
        Assert.Equal(System.Net.HttpStatusCode.OK, studentPage.StatusCode);
        Assert.Contains("frame-ancestors 'none'", studentPage.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("no-store", studentPage.Headers.CacheControl!.ToString());

        using var unknown = await http.GetAsync("/api/nothing/here");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
