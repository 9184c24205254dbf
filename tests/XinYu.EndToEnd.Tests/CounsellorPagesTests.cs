using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The counsellor's Records-side pages of the web app in a real browser (tests/browser-web/counsellor-file.mjs) through
/// the running suite: find a student, the file with the stated purpose before the notes, the counselling room's
/// booking and its clash, today's room on Today, each page on a phone and a desktop with axe-core's check; then the
/// file's Screening side: a plan opened, a follow-up added and one marked done, a referral to the bureau's partner hospital.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class CounsellorPagesTests(SuiteFixture suite)
{

    [Fact]
    public async Task A_counsellor_finds_a_student_reads_the_notes_only_after_a_purpose_which_is_audited_and_a_clashing_booking_shows_at_the_time_field()
    {
        using var enrolled = await EnrolledStudent.EnrolAsync(suite);
        var (email, password, webToken) = await EnrolledStudent.StaffAccountAsync(suite, enrolled.Bureau, enrolled.School, "counsellor", "王老师");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var tomorrow = today.AddDays(1);

        // The school's counsellor on duty today and tomorrow, and a session already held, with notes.
        var staffId = await enrolled.RegisterStaffAsync();
        foreach (var (date, starts) in new[] { (today, "16:00"), (tomorrow, "09:00") })
        {
            using var slot = await EnrolledStudent.OnceStaffKnownAsync(() => enrolled.Counsellor.PostAsJsonAsync($"/api/records/schools/{enrolled.School}/duty-slots",
                new { counsellorStaffId = staffId, date, startsAt = starts, endsAt = starts[..2] + ":45" }), "counsellorStaffId");
            Assert.True(slot.StatusCode == HttpStatusCode.Created, await slot.Content.ReadAsStringAsync());
        }
        const string note = "谈到与同学的矛盾，情绪稳定，约定下周再谈。";
        using (var session = await enrolled.Counsellor.PostAsJsonAsync($"/api/records/schools/{enrolled.School}/sessions", new
        {
            counsellorStaffId = staffId, kind = "individual", heldOn = today, durationMinutes = 40, studentIds = new[] { enrolled.Student }, notes = note,
        }))
        {
            Assert.True(session.StatusCode == HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
        }

        // An entry of the file's psychological status, which the counsellor corrects in the browser.
        const string entry = "开学初情绪平稳，与同学相处融洽。";
        const string correction = "开学初情绪平稳，与同桌偶有矛盾。";
        using (var added = await enrolled.Counsellor.PostAsJsonAsync($"/api/records/students/{enrolled.Student}/entries",
                   new { section = "psychological-status", text = entry }))
        {
            Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        }

        // A partner hospital of the bureau, so the referral form has an agency to offer (Screening learns it from Identity's event).
        var hospital = "hospital-" + Guid.NewGuid().ToString("N")[..8];
        var hospitalName = $"市精神卫生中心（{hospital[^4..]}）"; // the form offers it by this name; unique, as other tests register hospitals too
        await EnrolledStudent.JsonAsync(await enrolled.Bureau.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId = "e2e-" + Guid.NewGuid().ToString("N")[..10], displayName = hospitalName, agencyType = "hospital", agencyId = hospital,
            scopes = new[] { "xinyu.referrals" },
        }));
        await Eventually.AssertAsync(async () => (await EnrolledStudent.JsonAsync(await enrolled.Counsellor.GetAsync("/api/screening/partner-agencies")))
            .EnumerateArray().Any(a => a.GetProperty("agencyId").GetString() == hospital), EnrolledStudent.Delivery, "Screening to learn the hospital's client");

        var seen = await BrowserRun.RunAsync(suite, "counsellor-file.mjs", email, password, "林晓雨", note, tomorrow.ToString("yyyy-MM-dd"),
            entry, correction, hospitalName, today.AddDays(7).ToString("yyyy-MM-dd"));

        // Found by name; the typed name went into no URL.
        Assert.Equal($"/students/{enrolled.Student}", seen.GetProperty("fileHref").GetString());
        Assert.DoesNotContain("%E6%9E%97", seen.GetProperty("searchUrl").GetString()); // 林, percent-encoded
        Assert.DoesNotContain("林晓雨", Uri.UnescapeDataString(seen.GetProperty("searchUrl").GetString()!));
        // The file: asked for a purpose; nothing shown before one is given, then the notes.
        var file = seen.GetProperty("file");
        Assert.Contains("林晓雨", file.GetProperty("heading").GetString());
        Assert.False(file.GetProperty("notesBefore").GetBoolean());
        Assert.True(file.GetProperty("askedForPurpose").GetBoolean());
        Assert.False(file.GetProperty("notesWithoutPurpose").GetBoolean());
        Assert.Contains(note, file.GetProperty("notes").GetString());
        Assert.DoesNotContain("purpose", file.GetProperty("url").GetString(), StringComparison.OrdinalIgnoreCase);

        // The counselling room: booked; the same slot again refused in the API's words at the time field, the form kept.
        var room = seen.GetProperty("room");
        Assert.Contains("林晓雨", room.GetProperty("booked").GetString());
        Assert.Contains("already booked", room.GetProperty("clashAtField").GetString());
        Assert.Equal(0, room.GetProperty("summary").GetInt32());
        Assert.Equal("林晓雨", room.GetProperty("studentKept").GetString());
        // Today: today's slot of the counselling room.
        Assert.Contains("16:00–16:45", seen.GetProperty("today").GetString());

        // On a phone: the nav behind the menu button, no page wider than the screen, nothing in the browser's storage.
        Assert.Equal(["今日", "找学生", "心理辅导室"], seen.GetProperty("phoneNav").EnumerateArray().Select(l => l.GetString()).Take(3));
        foreach (var page in new[] { "students-phone", "student-file-phone", "room-phone", "student-file-consents-phone" })
        {
            var width = seen.GetProperty("pages").GetProperty(page).GetProperty("scrollWidth").GetInt32();
            Assert.True(width <= 360, $"{page} is {width} px wide");
        }
        // The case panel: the plan opened in the counsellor on duty's charge with its first follow-up and the one added, the
        // referral to the hospital chosen from the list; nothing of it in the address.
        var plan = seen.GetProperty("case");
        Assert.Contains("心理教师", plan.GetProperty("owner").GetString());
        Assert.Equal(["done", "due"], plan.GetProperty("followUps").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("每周一次个别辅导", plan.GetProperty("plan").GetString());
        Assert.Contains(hospitalName, plan.GetProperty("referral").GetString()); // shown by the name it was registered with
        Assert.Contains("自伤风险", plan.GetProperty("referral").GetString());
        Assert.Equal($"/students/{enrolled.Student}", new Uri(plan.GetProperty("url").GetString()!).PathAndQuery);
        var plans = await EnrolledStudent.JsonAsync(await enrolled.Counsellor.GetAsync($"/api/screening/students/{enrolled.Student}/plans"));
        var opened = Assert.Single(plans.EnumerateArray());
        Assert.Equal(staffId, opened.GetProperty("ownerStaffId").GetGuid());
        Assert.Equal([tomorrow, today.AddDays(7)], opened.GetProperty("followUps").EnumerateArray().Select(f => DateOnly.Parse(f.GetProperty("dueOn").GetString()!)));
        Assert.Equal([true, false], opened.GetProperty("followUps").EnumerateArray().Select(f => f.GetProperty("doneAt").ValueKind == JsonValueKind.String));
        var referrals = await EnrolledStudent.JsonAsync(await enrolled.Counsellor.GetAsync($"/api/screening/students/{enrolled.Student}/referrals"));
        Assert.Equal(hospital, Assert.Single(referrals.EnumerateArray()).GetProperty("agencyId").GetString());
        var casePhone = seen.GetProperty("pages").GetProperty("student-case-phone").GetProperty("scrollWidth").GetInt32();
        Assert.True(casePhone <= 360, $"the case panel's page is {casePhone} px wide on a phone");
        Assert.Empty(seen.GetProperty("storage").GetProperty("local").EnumerateArray());
        Assert.Empty(seen.GetProperty("storage").GetProperty("session").EnumerateArray());
        // The file's Records side: the correction form held the entry's text; the entry shows struck through, with its correction.
        var corrected = seen.GetProperty("correction");
        Assert.Equal(entry, corrected.GetProperty("prefilled").GetString());
        Assert.Equal([entry], corrected.GetProperty("struck").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(corrected.GetProperty("labels").EnumerateArray(), l => l.GetString()!.StartsWith("已更正"));
        Assert.Contains(corrected.GetProperty("labels").EnumerateArray(), l => l.GetString()!.StartsWith("更正了"));
        // The consents the roster's guardian gave (EnrolAsync), what stands per purpose.
        Assert.Contains("心理筛查 · 同意 · 林建国", seen.GetProperty("consents").GetString());
        // The print view: Records' document, through the web app, never kept by a cache, with the file's heading and the correction.
        var print = seen.GetProperty("print");
        Assert.Equal(200, print.GetProperty("status").GetInt32());
        Assert.Equal("no-store", print.GetProperty("cacheControl").GetString());
        Assert.Equal("心理档案", print.GetProperty("title").GetString());
        Assert.Contains("学生心理档案", print.GetProperty("body").GetString());
        Assert.Contains("林晓雨", print.GetProperty("body").GetString());
        Assert.Contains(correction, print.GetProperty("body").GetString());
        var violations = seen.GetProperty("violations").EnumerateArray().ToList();
        Assert.True(violations.Count == 0, "axe-core found serious or critical violations:\n" + string.Join("\n", violations));

        // Records' audit trail holds the read of the notes, by the web app's user, with the purpose chosen.
        var subject = OAuthClient.Claims(webToken).GetProperty("sub").GetString();
        using var auditor = EnrolledStudent.Bearer(suite, await AuditorTokenAsync(enrolled.Bureau));
        var entries = (await EnrolledStudent.JsonAsync(await auditor.GetAsync($"/api/records/audit?studentId={enrolled.Student}&take=1000")))
            .GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("resourceType").GetString() == "counselling-note" && e.GetProperty("action").GetString() == "read"
            && e.GetProperty("actorId").GetString() == subject && e.GetProperty("purpose").GetString() == "crisis-response");
    }

    private async Task<string> AuditorTokenAsync(HttpClient bureau)
    {
        using var created = await DirectoryClient.CreateAccountAsync(bureau,
            new { email = $"auditor-{Guid.NewGuid():N}@crisis.example", displayName = "auditor", roles = new[] { "auditor" } });
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return (await OAuthClient.FirstSignInAsync(suite, body.GetProperty("email").GetString()!, body.GetProperty("temporaryPassword").GetString()!)).AccessToken;
    }
}
