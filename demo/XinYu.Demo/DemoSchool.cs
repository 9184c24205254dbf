using System.Text.Json;

namespace XinYu.Demo;

/// <summary>What the demo made: enough to sign in and find one's way.</summary>
public sealed record DemoSchoolMade(Guid School, IReadOnlyList<Guid> Classes, Guid Campaign, int Students);

/// <summary>
/// A demo school for a newcomer, made through the gateway as its people would make it: the bureau admin registers the
/// school and its accounts, the school admin opens classes, registers the counsellor and imports the roster, the
/// counsellor records the guardians' consent and the duty rota, the bureau opens a screening campaign. Every step
/// first looks for what a previous run made, so running the demo again makes nothing twice (and sets the demo
/// passwords back).
/// </summary>
public static class DemoSchool
{
    private static readonly TimeZoneInfo Bureau = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task<DemoSchoolMade> MakeAsync(Uri gateway, Action<string> say)
    {
        using var bureau = await DemoCalls.SignInAsync(gateway, DemoAccounts.BureauAdmin, DemoAccounts.Password);
        var school = await SchoolAsync(bureau);
        say($"School {DemoRoster.SchoolName} ({school}).");

        using var schoolAdmin = await StaffAsync(gateway, bureau, DemoAccounts.SchoolAdmin, "学校管理员", "school-admin", school);
        var classes = await ClassesAsync(schoolAdmin, school);
        var counsellorStaff = await StaffMemberAsync(schoolAdmin, school, DemoRoster.CounsellorName, "full-time-psych");
        var headTeacherStaff = await StaffMemberAsync(schoolAdmin, school, DemoRoster.HeadTeacherName, "head-teacher");
        await HeadTeacherAsync(schoolAdmin, school, classes[0], headTeacherStaff);
        say($"Classes {string.Join("、", DemoRoster.Classes)}; staff {DemoRoster.CounsellorName} (心理教师), {DemoRoster.HeadTeacherName} (班主任).");

        using var counsellor = await StaffAsync(gateway, bureau, DemoAccounts.Counsellor, DemoRoster.CounsellorName, "counsellor", school);
        (await StaffAsync(gateway, bureau, DemoAccounts.HeadTeacher, DemoRoster.HeadTeacherName, "head-teacher", school, [classes[0]])).Dispose();
        await LinkAccountAsync(bureau, schoolAdmin, school, counsellorStaff, DemoAccounts.Counsellor);

        var report = await schoolAdmin.PostCsvAsync($"/api/records/schools/{school}/roster", DemoRoster.Csv());
        say($"Roster: {report.GetProperty("enrolled").GetInt32()} enrolled, {report.GetProperty("unchanged").GetInt32()} already there.");
        var students = await ConsentsAsync(counsellor, school);
        await DutyRotaAsync(counsellor, school, counsellorStaff);
        await SchoolYearAsync(bureau);
        var campaign = await CampaignAsync(bureau, school);
        say($"Campaign {DemoRoster.CampaignName} open for grade 7 ({campaign}).");
        return new DemoSchoolMade(school, classes, campaign, students);
    }

    private static async Task<Guid> SchoolAsync(DemoCalls bureau)
    {
        var schools = await bureau.GetAsync("/api/staffing/schools");
        if (schools.EnumerateArray().FirstOrDefault(s => s.GetProperty("code").GetString() == DemoRoster.SchoolCode) is { ValueKind: JsonValueKind.Object } found)
            return Id(found);
        return Id(await bureau.PostAsync("/api/staffing/schools", new
        {
            name = DemoRoster.SchoolName, code = DemoRoster.SchoolCode, level = "junior", urban = true, boarding = false,
            studentCount = 1200, legalEntity = true,
        }));
    }

    /// <summary>
    /// The account, new or found, with a temporary password from the admin (created, or reset when a previous run
    /// made it), then signed in once: the first sign-in replaces the temporary password with the demo's.
    /// </summary>
    private static async Task<DemoCalls> StaffAsync(Uri gateway, DemoCalls bureau, string email, string name, string role, Guid school,
        Guid[]? classes = null)
    {
        var accounts = await bureau.GetAsync("/api/identity/accounts");
        string temporary;
        if (accounts.EnumerateArray().FirstOrDefault(a => a.GetProperty("email").GetString() == email) is { ValueKind: JsonValueKind.Object } found)
        {
            temporary = (await bureau.PostAsync($"/api/identity/accounts/{Id(found)}/password-reset", null)).GetProperty("temporaryPassword").GetString()!;
        }
        else
        {
            // Identity learns the new school from the directory's event: until then it refuses the school id.
            temporary = (await bureau.OnceKnownAsync(HttpMethod.Post, "/api/identity/accounts",
                new { email, displayName = name, roles = new[] { role }, schoolId = school, classIds = classes ?? [] }))
                .GetProperty("temporaryPassword").GetString()!;
        }
        return await DemoCalls.SignInAsync(gateway, email, temporary, DemoAccounts.Password);
    }

    private static async Task<List<Guid>> ClassesAsync(DemoCalls schoolAdmin, Guid school)
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Bureau);
        var entryYear = now.Month >= 9 ? now.Year : now.Year - 1; // grade 7 began this school year
        var open = (await schoolAdmin.OnceKnownAsync(HttpMethod.Get, $"/api/staffing/schools/{school}/classes", null)).EnumerateArray().ToList();
        var ids = new List<Guid>();
        foreach (var name in DemoRoster.Classes)
        {
            var id = open.FirstOrDefault(c => c.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found
                ? Id(found)
                : Id(await schoolAdmin.PostAsync($"/api/staffing/schools/{school}/classes", new { grade = 7, name, entryYear }));
            // Records learns the class from the directory; the school names it there for its rosters.
            await schoolAdmin.OnceKnownAsync(HttpMethod.Put, $"/api/records/schools/{school}/classes/{id}/name", new { name });
            ids.Add(id);
        }
        return ids;
    }

    private static async Task<Guid> StaffMemberAsync(DemoCalls schoolAdmin, Guid school, string name, string role)
    {
        var staff = await schoolAdmin.GetAsync($"/api/staffing/schools/{school}/staff");
        if (staff.EnumerateArray().FirstOrDefault(s => s.GetProperty("displayName").GetString() == name) is { ValueKind: JsonValueKind.Object } found)
            return Id(found);
        var hired = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-3);
        return Id(await schoolAdmin.PostAsync($"/api/staffing/schools/{school}/staff", new { displayName = name, roles = new[] { role }, hireDate = hired }));
    }

    private static async Task HeadTeacherAsync(DemoCalls schoolAdmin, Guid school, Guid classId, Guid staff)
    {
        var classes = await schoolAdmin.GetAsync($"/api/staffing/schools/{school}/classes");
        var target = classes.EnumerateArray().Single(c => Id(c) == classId);
        if (target.GetProperty("headTeacherId").ValueKind == JsonValueKind.String) return;
        await schoolAdmin.PostAsync($"/api/staffing/schools/{school}/classes/{classId}/assignments", new { staffId = staff, kind = "head-teacher" });
    }

    /// <summary>The counsellor's account is the staff member 王芳 (her workload, her duty slots).</summary>
    private static async Task LinkAccountAsync(DemoCalls bureau, DemoCalls schoolAdmin, Guid school, Guid staff, string email)
    {
        var account = (await bureau.GetAsync("/api/identity/accounts")).EnumerateArray().Single(a => a.GetProperty("email").GetString() == email);
        // Staffing learns the account from identity's event.
        await schoolAdmin.OnceKnownAsync(HttpMethod.Put, $"/api/staffing/schools/{school}/staff/{staff}/account", new { accountSubject = Id(account).ToString() });
    }

    /// <summary>Each guardian's consent to screening (on paper, as schools collect it), where not yet recorded.</summary>
    private static async Task<int> ConsentsAsync(DemoCalls counsellor, Guid school)
    {
        var students = (await counsellor.GetAsync($"/api/records/schools/{school}/students")).EnumerateArray().ToList();
        foreach (var student in students)
        {
            var id = Id(student);
            var consents = await counsellor.GetAsync($"/api/records/students/{id}/consents");
            if (consents.GetProperty("current").EnumerateArray().Any(c => c.GetProperty("purpose").GetString() == "screening" && c.GetProperty("granted").GetBoolean())) continue;
            var guardian = Id((await counsellor.GetAsync($"/api/records/students/{id}/file")).GetProperty("guardians")[0]);
            await counsellor.PostAsync($"/api/records/students/{id}/consents",
                new { purpose = "screening", granted = true, guardianId = guardian, method = "paper", givenAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        }
        return students.Count;
    }

    /// <summary>The counsellor's duty slots for the rest of today and the next two days.</summary>
    private static async Task DutyRotaAsync(DemoCalls counsellor, Guid school, Guid staff)
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Bureau);
        var today = DateOnly.FromDateTime(now.DateTime);
        var existing = (await counsellor.GetAsync($"/api/records/schools/{school}/duty-slots?from={today:yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}"))
            .EnumerateArray().Select(s => (s.GetProperty("date").GetString(), s.GetProperty("startsAt").GetString())).ToHashSet();
        foreach (var date in new[] { today, today.AddDays(1), today.AddDays(2) })
        {
            foreach (var hour in new[] { 9, 10, 14, 16 })
            {
                var starts = new TimeOnly(hour, 0);
                if (date == today && starts <= TimeOnly.FromDateTime(now.DateTime)) continue;
                if (existing.Contains((date.ToString("yyyy-MM-dd"), starts.ToString("HH:mm:ss")))) continue;
                // Records learns the staff member from the directory's event.
                await counsellor.OnceKnownAsync(HttpMethod.Post, $"/api/records/schools/{school}/duty-slots",
                    new { counsellorStaffId = staff, date, startsAt = starts, endsAt = starts.AddMinutes(40) });
            }
        }
    }

    /// <summary>
    /// This school year's terms at the demo bureau (a PUT: the same dates again change nothing), so the calendar knows
    /// the school days: a student in crisis is told the day the counsellor will be in touch.
    /// </summary>
    private static async Task SchoolYearAsync(DemoCalls bureau)
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Bureau);
        var year = now.Month >= 8 ? now.Year : now.Year - 1;
        await bureau.SendAsync(HttpMethod.Put, "/api/calendar/school-years", new
        {
            schoolYear = year,
            autumn = new { startsOn = new DateOnly(year, 9, 1), endsOn = new DateOnly(year + 1, 1, 22) },
            spring = new { startsOn = new DateOnly(year + 1, 2, 22), endsOn = new DateOnly(year + 1, 7, 2) },
        });
    }

    private static async Task<Guid> CampaignAsync(DemoCalls bureau, Guid school)
    {
        var campaigns = await bureau.GetAsync("/api/screening/campaigns");
        if (campaigns.EnumerateArray().FirstOrDefault(c => c.GetProperty("name").GetString() == DemoRoster.CampaignName
                && c.GetProperty("schoolIds").EnumerateArray().Any(s => s.GetGuid() == school)) is { ValueKind: JsonValueKind.Object } found)
            return Id(found);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Bureau).DateTime);
        // Screening learns the school from the directory's event.
        return Id(await bureau.OnceKnownAsync(HttpMethod.Post, "/api/screening/campaigns", new
        {
            name = DemoRoster.CampaignName, instruments = new[] { new { code = "phq-9", version = 1 }, new { code = "gad-7", version = 1 } },
            schoolIds = new[] { school }, grades = new[] { 7 }, windowStart = today.AddDays(-1), windowEnd = today.AddDays(30),
        }));
    }

    private static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();
}
