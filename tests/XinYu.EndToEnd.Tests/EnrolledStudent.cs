using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// A new school of the bureau with its admin and counsellor signed in through the gateway, and one student enrolled
/// from a roster with the guardian's consent to screening and referral: where every crisis-path scenario starts.
/// </summary>
public sealed class EnrolledStudent : IDisposable
{
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    private EnrolledStudent(HttpClient bureau, Guid school, Guid classId, HttpClient schoolAdmin, HttpClient counsellor, Guid student)
    {
        Bureau = bureau;
        School = school;
        ClassId = classId;
        SchoolAdmin = schoolAdmin;
        Counsellor = counsellor;
        Student = student;
    }

    public HttpClient Bureau { get; }
    public Guid School { get; }
    /// <summary>The student's class (grade 7).</summary>
    public Guid ClassId { get; }
    public HttpClient SchoolAdmin { get; }
    public HttpClient Counsellor { get; }
    public Guid Student { get; }

    public static async Task<EnrolledStudent> EnrolAsync(SuiteFixture suite)
    {
        var admin = await IdentityFlowTests.AdminTokensAsync(suite);
        var bureau = Bearer(suite, admin.AccessToken);
        var school = await DirectoryClient.CreateSchoolAsync(bureau);
        var schoolAdmin = Bearer(suite, await StaffTokenAsync(suite, bureau, school, "school-admin"));
        var counsellor = Bearer(suite, await StaffTokenAsync(suite, bureau, school, "counsellor"));
        counsellor.DefaultRequestHeaders.Add("X-Purpose", "crisis follow-up (e2e)");

        // The directory opens a class; Records learns it from ClassOpened and the school names it for its rosters.
        var classId = await IdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{school}/classes", new { grade = 7, name = "七(1)班", entryYear = 2026 }));
        await Eventually.AssertAsync(async () =>
        {
            using var named = await schoolAdmin.PutAsJsonAsync($"/api/records/schools/{school}/classes/{classId}/name", new { name = "七(1)班" });
            return named.IsSuccessStatusCode;
        }, Delivery, "Records to learn the class from the directory");

        var roster = "姓名,学籍号,性别,出生日期,班级,监护人,监护人关系,监护人电话\r\n"
            + $"林晓雨,G{Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999)},女,2013-05-17,七(1)班,林建国,父亲,13812345678\r\n";
        using (var imported = await schoolAdmin.PostAsync($"/api/records/schools/{school}/roster", new StringContent(roster, Encoding.UTF8, "text/csv")))
        {
            Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        }
        var student = (await JsonAsync(await counsellor.GetAsync($"/api/records/schools/{school}/students")))[0].GetProperty("id").GetGuid();
        var guardian = (await JsonAsync(await counsellor.GetAsync($"/api/records/students/{student}/file"))).GetProperty("guardians")[0].GetProperty("id").GetGuid();
        foreach (var purpose in new[] { "screening", "referral" })
        {
            using var consent = await counsellor.PostAsJsonAsync($"/api/records/students/{student}/consents",
                new { purpose, granted = true, guardianId = guardian, method = "paper", givenAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
            Assert.True(consent.IsSuccessStatusCode, await consent.Content.ReadAsStringAsync());
        }
        return new EnrolledStudent(bureau, school, classId, schoolAdmin, counsellor, student);
    }

    /// <summary>
    /// A PHQ-9 with item 9 (thoughts of self-harm) answered 1, total 3: a crisis warning. Screening learns the student
    /// and the consent from Records' events, so the first tries may be refused.
    /// </summary>
    /// <param name="traceParent">A W3C traceparent the request carries, so its trace can be looked up by id.</param>
    public async Task<JsonElement> SubmitSelfHarmAnswerAsync(string? traceParent = null)
    {
        HttpResponseMessage? submitted = null;
        await Eventually.AssertAsync(async () =>
        {
            submitted?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screening/submissions")
            {
                Content = JsonContent.Create(new
                {
                    submissionId = Guid.NewGuid(), studentId = Student, instrumentCode = "phq-9", instrumentVersion = 1,
                    answers = new[] { 1, 1, 0, 0, 0, 0, 0, 0, 1 },
                }),
            };
            if (traceParent is not null) request.Headers.Add("traceparent", traceParent);
            submitted = await Counsellor.SendAsync(request);
            return submitted.IsSuccessStatusCode;
        }, Delivery, "Screening to learn the student and the consent");
        return await JsonAsync(submitted!);
    }

    /// <summary>
    /// Registers a staff member of the school in the directory (Staffing), which announces them to the other services
    /// (StaffRegistered): staff ids in bodies must name staff the service has learned.
    /// </summary>
    public async Task<Guid> RegisterStaffAsync(string role = "full-time-psych") =>
        await IdAsync(await SchoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{School}/staff", new
        {
            displayName = "王老师", roles = new[] { role }, hireDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-2),
        }));

    /// <summary>
    /// Posts until the answer is no longer a 404 naming <paramref name="field"/>: the service learns a staff member
    /// from the directory's event (outbox, broker), usually within a second; a 404 stored nothing, so trying again is safe.
    /// </summary>
    public static async Task<HttpResponseMessage> OnceStaffKnownAsync(Func<Task<HttpResponseMessage>> post, string field)
    {
        var deadline = DateTime.UtcNow + Delivery;
        while (true)
        {
            var response = await post();
            if (response.StatusCode != HttpStatusCode.NotFound || DateTime.UtcNow > deadline
                || !(await response.Content.ReadAsStringAsync()).Contains($"\"{field}\"", StringComparison.Ordinal))
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(200);
        }
    }

    public static HttpClient Bearer(SuiteFixture suite, string token)
    {
        var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<string> StaffTokenAsync(SuiteFixture suite, HttpClient bureau, Guid school, string role) =>
        (await StaffAccountAsync(suite, bureau, school, role)).AccessToken;

    /// <summary>A new account of <paramref name="role"/> at <paramref name="school"/>, signed in once (its temporary
    /// password changed for the one returned), as a member of staff's first day starts.</summary>
    public static async Task<(string Email, string Password, string AccessToken)> StaffAccountAsync(SuiteFixture suite, HttpClient bureau,
        Guid school, string role, string displayName = "")
    {
        var email = $"{role}-{Guid.NewGuid():N}@crisis.example";
        using var created = await DirectoryClient.CreateAccountAsync(bureau,
            new { email, displayName = displayName.Length > 0 ? displayName : role, roles = new[] { role }, schoolId = school });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var temporary = JsonDocument.Parse(body).RootElement.GetProperty("temporaryPassword").GetString()!;
        var tokens = await OAuthClient.FirstSignInAsync(suite, email, temporary);
        return (email, OAuthClient.ChosenPassword(temporary), tokens.AccessToken);
    }

    public static async Task<Guid> IdAsync(HttpResponseMessage response) => (await JsonAsync(response)).GetProperty("id").GetGuid();

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    public void Dispose()
    {
        Bureau.Dispose();
        SchoolAdmin.Dispose();
        Counsellor.Dispose();
    }
}
