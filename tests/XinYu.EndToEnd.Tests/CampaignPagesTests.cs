using System.Net.Http.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// Answer codes from the web app in real browsers through the running suite (tests/browser-web/campaign-codes.mjs): the
/// counsellor issues a class's codes on Campaigns and gets the printable sheet, reissues a lost slip on a phone; a student
/// answers with the code read from the sheet; the counsellor acknowledges the resulting warning from Today.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class CampaignPagesTests(SuiteFixture suite)
{
    [Fact]
    public async Task A_counsellor_issues_a_classs_codes_prints_the_sheet_and_acknowledges_the_warning_a_student_answering_with_one_raised()
    {
        using var enrolled = await EnrolledStudent.EnrolAsync(suite);
        var campaign = await OpenCampaignAsync(enrolled);
        var (email, password, _) = await EnrolledStudent.StaffAccountAsync(suite, enrolled.Bureau, enrolled.School, "counsellor", "王老师");

        var seen = await BrowserRun.RunAsync(suite, "campaign-codes.mjs", email, password, "1,1,0,0,0,0,0,0,1");

        var campaigns = seen.GetProperty("campaigns");
        Assert.Equal("普测与答题码", campaigns.GetProperty("heading").GetString());
        Assert.Contains("应参加 1 人", campaigns.GetProperty("progress").GetString());
        Assert.Contains("七(1)班", Assert.Single(campaigns.GetProperty("classes").EnumerateArray()).GetString());

        // The sheet: one slip for the class's one student, with her name, a code, and a QR of the campaign's link only.
        var sheet = seen.GetProperty("sheet");
        Assert.Equal(1, sheet.GetProperty("slips").GetInt32());
        Assert.Equal(["林晓雨"], sheet.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        var code = Assert.Single(sheet.GetProperty("codes").EnumerateArray()).GetString()!;
        Assert.Equal(suite.Issuer + $"answer/{campaign}", sheet.GetProperty("link").GetString());
        Assert.Equal("data:image/png;base64,", sheet.GetProperty("qr").GetString());
        Assert.DoesNotContain(code, sheet.GetProperty("url").GetString());
        Assert.Empty(sheet.GetProperty("storage").GetProperty("local").EnumerateArray());
        Assert.Empty(sheet.GetProperty("storage").GetProperty("session").EnumerateArray());
        var printed = sheet.GetProperty("printed");
        Assert.False(printed.GetProperty("appBar").GetBoolean());
        Assert.False(printed.GetProperty("printButton").GetBoolean());
        Assert.True(printed.GetProperty("slip").GetBoolean());
        Assert.True(sheet.GetProperty("pdfPages").GetInt32() >= 1, "the A4 PDF has no page");
        // Closing the sheet forgets the code; the class's list shows it issued.
        Assert.True(seen.GetProperty("codeGone").GetBoolean());
        Assert.Contains("未使用 1", seen.GetProperty("countsAfter").GetString());

        // Reissued on a phone: a new code on a sheet of one; the student answered with it from the slip's link.
        var reissued = seen.GetProperty("reissued");
        Assert.NotEqual(code, Assert.Single(reissued.GetProperty("codes").EnumerateArray()).GetString());
        Assert.True(seen.GetProperty("student").GetProperty("support").GetBoolean());

        // Today showed the crisis warning with its deadline, and acknowledging it emptied the queue.
        var today = seen.GetProperty("today");
        var row = Assert.Single(today.GetProperty("rows").EnumerateArray()).GetString()!;
        Assert.Contains("危机", row);
        Assert.Matches(@"\b[56]\d 分钟后升级", row); // the crisis deadline: an hour at the class tier, from when it was raised
        Assert.Contains("已确认接手", today.GetProperty("done").GetString());

        var phone = seen.GetProperty("phone");
        foreach (var page in new[] { "campaignsWidth", "sheetWidth", "todayWidth" })
            Assert.True(phone.GetProperty(page).GetInt32() <= 360, $"{page}: {phone.GetProperty(page)} px on a 360 px phone");
        var violations = seen.GetProperty("violations").EnumerateArray().ToList();
        Assert.True(violations.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", violations));
    }

    /// <summary>A PHQ-9 campaign open today for the school, no code issued; returns once Screening counts the student.</summary>
    private static async Task<Guid> OpenCampaignAsync(EnrolledStudent enrolled)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Guid campaign = default;
        await Eventually.AssertAsync(async () =>
        {
            using var created = await enrolled.Bureau.PostAsJsonAsync("/api/screening/campaigns", new
            {
                name = "2026 秋季心理普测", instruments = new[] { new { code = "phq-9", version = 1 } }, schoolIds = new[] { enrolled.School },
                grades = new[] { 7 }, windowStart = today.AddDays(-1), windowEnd = today.AddDays(30),
            });
            if (created.IsSuccessStatusCode) campaign = (await EnrolledStudent.JsonAsync(created)).GetProperty("id").GetGuid();
            return created.IsSuccessStatusCode;
        }, EnrolledStudent.Delivery, "Screening to learn the school");
        // Screening learns the student from Records' events: until then the page would issue no code.
        await Eventually.AssertAsync(async () =>
        {
            using var progress = await enrolled.Counsellor.GetAsync($"/api/screening/campaigns/{campaign}/progress");
            return progress.IsSuccessStatusCode && (await EnrolledStudent.JsonAsync(progress)).GetProperty("invited").GetInt32() == 1;
        }, EnrolledStudent.Delivery, "Screening to learn the student");
        return campaign;
    }
}
