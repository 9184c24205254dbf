using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>How the seed is built, once per run, through the gateway (kept apart so that a service's tests can link
/// the matrix's tables and the seed's shape without the running suite).</summary>
public sealed partial record ScopeSeed
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static ScopeSeed? _built;

    /// <summary>The seed of this run, built on first use (the role test and the scope test share it).</summary>
    public static async Task<ScopeSeed> OfRunAsync(SuiteFixture suite)
    {
        await Once.WaitAsync();
        try
        {
            return _built ??= await BuildAsync(suite);
        }
        finally
        {
            Once.Release();
        }
    }

    private static readonly TimeSpan Delivery = EnrolledStudent.Delivery;
    private static readonly string[] PartnerScopes = ["xinyu.referrals", "xinyu.crisis-export", "xinyu.joint-cases"];

    private static async Task<ScopeSeed> BuildAsync(SuiteFixture suite)
    {
        var admin = await IdentityFlowTests.AdminTokensAsync(suite);
        using var bureau = EnrolledStudent.Bearer(suite, admin.AccessToken);

        // The school year (terms arrive in Staffing and Liaison by events), the partner agencies and their clients.
        var year = SchoolYear;
        await SucceedsAsync(await bureau.PutAsJsonAsync("/api/calendar/school-years", new
        {
            schoolYear = year, autumn = new { startsOn = new DateOnly(year, 9, 1), endsOn = new DateOnly(year + 1, 1, 20) },
            spring = new { startsOn = new DateOnly(year + 1, 2, 20), endsOn = new DateOnly(year + 1, 7, 10) }, exams = Array.Empty<object>(),
        }));
        foreach (var agency in new[] { PartnerAgency, OtherAgency })
        {
            using var registered = await bureau.PostAsJsonAsync("/api/liaison/agencies", new { id = agency, name = "市精神卫生中心 " + agency, kind = "hospital" });
            Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await registered.Content.ReadAsStringAsync());
        }
        var partnerToken = await PartnerTokenAsync(suite, bureau, PartnerAgency, PartnerScopes);
        await PartnerTokenAsync(suite, bureau, OtherAgency, ["xinyu.referrals"]);
        // A client of its own for the client life-cycle endpoints, so disabling it or renewing its secret takes no
        // token away from the partner caller.
        var (targetClient, _) = await CreateClientAsync(bureau, OtherAgency, ["xinyu.referrals"]);

        var schoolC = await DirectoryClient.CreateSchoolAsync(bureau);
        var seededA = SeedSchoolAsync(suite, bureau, "A", schoolC, PartnerAgency);
        var seededB = SeedSchoolAsync(suite, bureau, "B", schoolC, OtherAgency);
        var (a, aTokens) = await seededA;
        var (b, _) = await seededB;

        var tokens = new Dictionary<string, string?>(aTokens)
        {
            [AccessMatrix.Anonymous] = null, ["bureau-admin"] = admin.AccessToken, [AccessMatrix.Partner] = partnerToken,
        };
        foreach (var role in new[] { "bureau-officer", "auditor" })
        {
            tokens[role] = await StaffTokenAsync(suite, bureau, new { email = Email(role), displayName = role, roles = new[] { role } });
        }

        // Each caller's own feed (a feed is its owner's only), and one feed token for the anonymous iCalendar endpoint.
        var feeds = new Dictionary<string, Guid>();
        string? feedToken = null;
        foreach (var role in AccessMatrix.StaffRoles.Where(r => r != "auditor"))
        {
            using var http = EnrolledStudent.Bearer(suite, tokens[role]!);
            var bureauRole = role.StartsWith("bureau", StringComparison.Ordinal);
            var feed = await EnrolledStudent.JsonAsync(await http.PostAsJsonAsync("/api/calendar/feeds",
                bureauRole ? new { kind = "bureau" } : (object)new { kind = "school", schoolId = a.SchoolId }));
            feeds[role] = feed.GetProperty("id").GetGuid();
            feedToken ??= feed.GetProperty("url").GetString()!.Split('/')[^1];
        }

        // Staffing's workload needs a started term: wait for the calendar's events to arrive.
        await Eventually.AssertAsync(async () =>
            (await EnrolledStudent.JsonAsync(await bureau.GetAsync("/api/staffing/terms"))).GetArrayLength() > 0, Delivery, "Staffing to learn the terms");
        return new ScopeSeed(a, b, schoolC, tokens, feeds, feedToken!, Guid.NewGuid(), targetClient);
    }

    /// <summary>One school with its staff, a class, a student and every object the matrix's endpoints take.</summary>
    private static async Task<(SchoolSeed Seed, Dictionary<string, string?> Tokens)> SeedSchoolAsync(SuiteFixture suite, HttpClient bureau,
        string name, Guid schoolC, string agency)
    {
        var school = await DirectoryClient.CreateSchoolAsync(bureau);
        using var schoolAdmin = EnrolledStudent.Bearer(suite, await EnrolledStudent.StaffTokenAsync(suite, bureau, school, "school-admin"));
        var counsellorToken = await EnrolledStudent.StaffTokenAsync(suite, bureau, school, "counsellor");
        using var counsellor = EnrolledStudent.Bearer(suite, counsellorToken);
        counsellor.DefaultRequestHeaders.Add("X-Purpose", Purpose);

        // The directory: a class and a psych teacher; the class's head teacher and mentor sign in with it in their token.
        var classId = await EnrolledStudent.IdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{school}/classes",
            new { grade = 7, name = "七(1)班", entryYear = 2026 }));
        var staffId = await EnrolledStudent.IdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{school}/staff",
            new { displayName = "心理老师 " + name, roles = new[] { "full-time-psych" }, hireDate = new DateOnly(2020, 9, 1) }));
        var tokens = new Dictionary<string, string?>
        {
            ["school-admin"] = schoolAdmin.DefaultRequestHeaders.Authorization!.Parameter, ["counsellor"] = counsellorToken,
        };
        foreach (var role in new[] { "head-teacher", "mentor" })
        {
            tokens[role] = await StaffTokenAsync(suite, bureau,
                new { email = Email(role), displayName = role, roles = new[] { role }, schoolId = school, classIds = new[] { classId } });
        }

        // Records: the class named for rosters, one student with a guardian, consent to screening and referral.
        await Eventually.AssertAsync(async () =>
        {
            using var named = await schoolAdmin.PutAsJsonAsync($"/api/records/schools/{school}/classes/{classId}/name", new { name = "七(1)班" });
            return named.IsSuccessStatusCode;
        }, Delivery, "Records to learn the class from the directory");
        var roster = "姓名,学籍号,性别,出生日期,班级,监护人,监护人关系,监护人电话\r\n"
            + $"林晓雨,G{Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999)},女,2013-05-17,七(1)班,林建国,父亲,13812345678\r\n";
        await SucceedsAsync(await schoolAdmin.PostAsync($"/api/records/schools/{school}/roster", new StringContent(roster, Encoding.UTF8, "text/csv")));
        var student = (await EnrolledStudent.JsonAsync(await counsellor.GetAsync($"/api/records/schools/{school}/students")))[0].GetProperty("id").GetGuid();
        var guardian = (await EnrolledStudent.JsonAsync(await counsellor.GetAsync($"/api/records/students/{student}/file")))
            .GetProperty("guardians")[0].GetProperty("id").GetGuid();
        foreach (var purpose in new[] { "screening", "referral" })
        {
            await SucceedsAsync(await counsellor.PostAsJsonAsync($"/api/records/students/{student}/consents",
                new { purpose, granted = true, guardianId = guardian, method = "paper", givenAt = DateTimeOffset.UtcNow.AddMinutes(-5) }));
        }
        var dutySlot = await EnrolledStudent.IdAsync(await counsellor.PostAsJsonAsync($"/api/records/schools/{school}/duty-slots",
            new { counsellorStaffId = staffId, date = Today.AddDays(2), startsAt = "09:00", endsAt = "09:45" }));
        var appointment = await EnrolledStudent.IdAsync(await counsellor.PostAsJsonAsync($"/api/records/schools/{school}/appointments",
            new { dutySlotId = dutySlot, studentId = student, requestedFor = "student" }));
        var proposal = await RetriedIdAsync(() => counsellor.PostAsJsonAsync($"/api/records/students/{student}/hand-overs", new { toSchoolId = schoolC }),
            "Records to learn the receiving school");

        // Screening: a crisis answer (a class-tier warning, a guardian notification and a special visit follow), a
        // campaign, a plan and a referral to the school's hospital.
        await Eventually.AssertAsync(async () =>
        {
            using var submitted = await counsellor.PostAsJsonAsync("/api/screening/submissions", new
            {
                submissionId = Guid.NewGuid(), studentId = student, instrumentCode = "phq-9", instrumentVersion = 1, answers = new[] { 1, 1, 0, 0, 0, 0, 0, 0, 1 },
            });
            return submitted.IsSuccessStatusCode;
        }, Delivery, "Screening to learn the student and the consent");
        var warning = (await EnrolledStudent.JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{school}/warnings")))
            .EnumerateArray().First(w => w.GetProperty("studentId").GetGuid() == student).GetProperty("id").GetGuid();
        var campaign = await RetriedIdAsync(() => bureau.PostAsJsonAsync("/api/screening/campaigns", new
        {
            name = "普测 " + name, instruments = new[] { new { code = "phq-9", version = 1 } }, schoolIds = new[] { school }, grades = new[] { 7 },
            windowStart = Today, windowEnd = Today.AddDays(30),
        }), "Screening to learn the school");
        // The class's one-time answer codes for the campaign: the student's, for the revoke and reissue rows.
        var answerCode = await RetriedIdAsync(() => counsellor.PostAsync($"/api/screening/campaigns/{campaign}/classes/{classId}/answer-codes", null),
            "Screening to issue the class's answer codes",
            body => body.GetProperty("codes").EnumerateArray().First(c => c.GetProperty("studentId").GetGuid() == student).GetProperty("codeId").GetGuid());
        var plan = await EnrolledStudent.JsonAsync(await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/plans", new
        {
            ownerStaffId = staffId, actions = new[] { "每周心理辅导" }, followUps = new[] { Today.AddDays(7) },
        }));
        var referral = await RetriedIdAsync(() => counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals",
            new { agencyId = agency, reasonCode = "self-harm-risk", reasonText = "PHQ-9 第9题阳性" }), "Screening to learn the referral consent",
            body => body.GetProperty("referral").GetProperty("referralId").GetGuid());

        // Liaison: a home visit, the tasks the crisis opened, a parent meeting and a joint case shared with the hospital.
        var visit = await RetriedIdAsync(() => counsellor.PostAsJsonAsync($"/api/liaison/students/{student}/home-visits", new
        {
            visitedOn = Today, visitorStaffIds = new[] { staffId }, met = new[] { "mother" }, topics = new[] { "study" }, notes = "家访记录",
        }), "Liaison to learn the student");
        var specialVisit = await FirstAsync(counsellor, $"/api/liaison/schools/{school}/special-visits", e => e.GetProperty("studentId").GetGuid() == student,
            "the crisis to open a special home visit");
        var notification = await FirstAsync(counsellor, $"/api/liaison/schools/{school}/guardian-notifications",
            e => e.GetProperty("warningId").GetGuid() == warning, "the crisis to open a guardian notification");
        var activity = await RetriedIdAsync(() => counsellor.PostAsJsonAsync($"/api/liaison/schools/{school}/parent-activities", new
        {
            kind = "parent-meeting", title = "家长会", heldOn = Today, mentalHealth = true, classIds = new[] { classId },
        }), "Liaison to learn the school");
        var jointCase = await EnrolledStudent.IdAsync(await counsellor.PostAsJsonAsync("/api/liaison/joint-cases",
            new { studentId = student, summary = "联合个案", sharedWith = new[] { agency } }));

        // Calendar: a school event, and a feed of the school admin's (another user's feed, for everyone else).
        var calendarEvent = await RetriedIdAsync(() => schoolAdmin.PostAsJsonAsync("/api/calendar/events", new
        {
            schoolId = school, kind = "lecture", title = "心理讲座", startsAt = DateTimeOffset.UtcNow.AddDays(7), durationMinutes = 45,
        }), "Calendar to learn the school");
        var adminFeed = await EnrolledStudent.IdAsync(await schoolAdmin.PostAsJsonAsync("/api/calendar/feeds", new { kind = "school", schoolId = school }));

        // Identity: an account of the school that no caller signs in with, for the account life-cycle endpoints.
        using var target = await DirectoryClient.CreateAccountAsync(bureau,
            new { email = Email("target"), displayName = "target " + name, roles = new[] { "counsellor" }, schoolId = school });
        var account = await EnrolledStudent.IdAsync(target);
        // Staffing links a staff record only to an account of the school it learned from Identity (StaffAccountCreated):
        // link the school's staff member to it once it has, so the matrix's link row finds the account known.
        await Eventually.AssertAsync(async () =>
        {
            using var linked = await schoolAdmin.PutAsJsonAsync($"/api/staffing/schools/{school}/staff/{staffId}/account",
                new { accountSubject = account.ToString() });
            return linked.IsSuccessStatusCode;
        }, Delivery, "Staffing to learn the school's account");

        return (new SchoolSeed(name, school, classId, staffId, student, guardian, roster, dutySlot, appointment, campaign, warning,
            plan.GetProperty("id").GetGuid(), plan.GetProperty("followUps")[0].GetProperty("id").GetGuid(), referral, visit, specialVisit,
            notification, activity, jointCase, calendarEvent, proposal, adminFeed, agency, account, answerCode), tokens);
    }

    private static string Email(string role) => $"{role}-{Guid.NewGuid():N}@matrix.example";

    private static async Task<string> StaffTokenAsync(SuiteFixture suite, HttpClient bureau, object account)
    {
        using var created = await DirectoryClient.CreateAccountAsync(bureau, account);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var email = JsonDocument.Parse(body).RootElement.GetProperty("email").GetString()!;
        return (await OAuthClient.FirstSignInAsync(suite, email, JsonDocument.Parse(body).RootElement.GetProperty("temporaryPassword").GetString()!)).AccessToken;
    }

    private static async Task<string> PartnerTokenAsync(SuiteFixture suite, HttpClient bureau, string agency, string[] scopes)
    {
        var (clientId, secret) = await CreateClientAsync(bureau, agency, scopes);
        using var http = suite.CreateClient();
        return (await OAuthClient.ClientCredentialsAsync(http, clientId, secret, string.Join(' ', scopes))).AccessToken;
    }

    private static async Task<(string ClientId, string Secret)> CreateClientAsync(HttpClient bureau, string agency, string[] scopes)
    {
        var clientId = "matrix-" + Guid.NewGuid().ToString("N")[..8];
        var client = await EnrolledStudent.JsonAsync(await bureau.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId, displayName = "Matrix hospital " + agency, agencyType = "hospital", agencyId = agency, scopes,
        }));
        return (clientId, client.GetProperty("clientSecret").GetString()!);
    }

    private static async Task SucceedsAsync(HttpResponseMessage response) => await EnrolledStudent.JsonAsync(response);

    /// <summary>Posts until the service has learnt what the request refers to from another service's events.</summary>
    private static async Task<Guid> RetriedIdAsync(Func<Task<HttpResponseMessage>> post, string waitingFor, Func<JsonElement, Guid>? id = null)
    {
        var deadline = DateTime.UtcNow + Delivery;
        while (true)
        {
            using var response = await post();
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) return (id ?? (b => b.GetProperty("id").GetGuid()))(JsonDocument.Parse(text).RootElement);
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {waitingFor}: {response.RequestMessage?.RequestUri?.AbsolutePath} {(int)response.StatusCode} {text}");
            await Task.Delay(200);
        }
    }

    private static async Task<Guid> FirstAsync(HttpClient http, string path, Func<JsonElement, bool> match, string waitingFor)
    {
        Guid? found = null;
        await Eventually.AssertAsync(async () =>
        {
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode) return false;
            var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            found = list.EnumerateArray().Where(match).Select(e => (Guid?)e.GetProperty("id").GetGuid()).FirstOrDefault();
            return found is not null;
        }, Delivery, waitingFor);
        return found!.Value;
    }
}
