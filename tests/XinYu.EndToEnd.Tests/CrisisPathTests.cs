using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Refit;
using XinYu.Client;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The path a bureau cares about most, through the gateway with real tokens and every service running: a school
/// enrols a student with consent; a PHQ-9 with item 9 answered 1 (total 3) raises a crisis warning in the school's
/// queue, which reaches the student's file (Records) and a guardian-notification task (Liaison); the counsellor refers
/// the student to a hospital, which answers as a partner client through XinYu.Client; the student returns through an
/// assessment. Another hospital never sees the referral.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class CrisisPathTests(SuiteFixture suite)
{
    private static readonly TimeSpan Delivery = EnrolledStudent.Delivery;

    [Fact]
    public async Task A_self_harm_answer_reaches_school_records_and_liaison_and_the_hospital_answers_the_referral()
    {
        using var enrolled = await EnrolledStudent.EnrolAsync(suite);
        var (bureau, school, counsellor, student) = (enrolled.Bureau, enrolled.School, enrolled.Counsellor, enrolled.Student);
        var result = await enrolled.SubmitSelfHarmAnswerAsync();
        Assert.Equal(3, result.GetProperty("total").GetInt32());

        var warnings = await JsonAsync(await counsellor.GetAsync($"/api/screening/schools/{school}/warnings"));
        var warning = warnings.EnumerateArray().Single(w => w.GetProperty("studentId").GetGuid() == student);
        Assert.Equal("crisis", warning.GetProperty("level").GetString());
        var warningId = warning.GetProperty("id").GetGuid();

        await Eventually.AssertAsync(async () => (await TimelineKindsAsync(counsellor, student)).Contains("crisis-warning-raised"),
            Delivery, "the crisis warning to reach the student's file in Records");
        await Eventually.AssertAsync(async () =>
        {
            var tasks = await JsonAsync(await counsellor.GetAsync($"/api/liaison/schools/{school}/guardian-notifications"));
            return tasks.EnumerateArray().Any(t => t.GetProperty("warningId").GetGuid() == warningId);
        }, Delivery, "the crisis warning to open a guardian notification in Liaison");

        // A plan in the charge of the school's psych teacher (registered in the directory), then a referral to one
        // hospital over the green channel.
        var owner = await enrolled.RegisterStaffAsync();
        using (var plan = await EnrolledStudent.OnceStaffKnownAsync(() => counsellor.PostAsJsonAsync($"/api/screening/students/{student}/plans", new
        {
            ownerStaffId = owner, actions = new[] { "每周心理辅导" }, followUps = new[] { DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)) },
        }), "ownerStaffId"))
        {
            Assert.True(plan.StatusCode == HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        }
        // The hospital's client comes first: a referral to an agency no client represents is refused (400 agencyId), and
        // Screening learns the client from Identity's PartnerClientRegistered, so the referral waits for it to arrive.
        var hospital = "hospital-" + Guid.NewGuid().ToString("N")[..8];
        await using var ours = await PartnerAsync(bureau, hospital);
        await using var theirs = await PartnerAsync(bureau, "hospital-" + Guid.NewGuid().ToString("N")[..8]);
        var body = new { agencyId = hospital, reasonCode = "self-harm-risk", reasonText = "PHQ-9 第9题阳性" };
        var (status, answer) = (HttpStatusCode.BadRequest, "");
        await Eventually.AssertAsync(async () =>
        {
            using var referred = await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/referrals", body);
            (status, answer) = (referred.StatusCode, await referred.Content.ReadAsStringAsync());
            return status != HttpStatusCode.BadRequest || !answer.Contains("\"agencyId\"", StringComparison.Ordinal);
        }, Delivery, "Screening to learn the hospital's client from Identity");
        Assert.True(status == HttpStatusCode.Created, answer);
        var inbox = await ours.Referrals.InboxAsync();
        var referral = Assert.Single(inbox);
        Assert.Equal(student, referral.StudentId);
        Assert.Empty(await theirs.Referrals.InboxAsync());
        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => theirs.Referrals.GetAsync(referral.ReferralId));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        await ours.Referrals.AcceptAsync(referral.ReferralId);
        var answered = await ours.Referrals.FeedbackAsync(referral.ReferralId, new ReferralFeedback("treatment-leave",
            LeaveFrom: DateOnly.FromDateTime(DateTime.UtcNow), LeaveUntil: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14))));
        Assert.Contains(answered.Feedback, f => f.Kind == "treatment-leave");

        using (var returned = await counsellor.PostAsJsonAsync($"/api/screening/students/{student}/return-assessments", new
        {
            hospitalDocumentsReceived = true, outcome = "returned",
            safetyPlan = new
            {
                warningSigns = "失眠、退缩", internalCoping = "听音乐", socialDistractions = "和同学打球", peopleToAsk = "班主任、母亲",
                professionalsAndCrisisLines = "学校心理老师；12356", meansSafety = "家长保管药品",
            },
        }))
        {
            Assert.True(returned.StatusCode == HttpStatusCode.Created, await returned.Content.ReadAsStringAsync());
        }
        await Eventually.AssertAsync(async () =>
        {
            var kinds = await TimelineKindsAsync(counsellor, student);
            return kinds.Contains("referral-made") && kinds.Contains("referral-feedback-received") && kinds.Contains("return-to-school-assessed");
        }, Delivery, "the referral, the hospital's answer and the return to reach the student's file");
    }

    /// <summary>A hospital as a partner agency's system would be set up: a client registered by the bureau, used through XinYu.Client.</summary>
    private async Task<Partner> PartnerAsync(HttpClient bureau, string agencyId)
    {
        var clientId = "e2e-" + Guid.NewGuid().ToString("N")[..10];
        using var created = await bureau.PostAsJsonAsync("/api/identity/clients", new
        {
            clientId, displayName = "市精神卫生中心", agencyType = "hospital", agencyId, scopes = new[] { "xinyu.referrals" },
        });
        var secret = (await JsonAsync(created)).GetProperty("clientSecret").GetString()!;
        var services = new ServiceCollection().AddXinYuPartnerClient(options =>
        {
            options.Gateway = new Uri(suite.Issuer);
            options.ClientId = clientId;
            options.ClientSecret = secret;
            options.Scopes = ["xinyu.referrals"];
        }).BuildServiceProvider();
        return new Partner(services, services.GetRequiredService<IReferralsApi>());
    }

    private sealed record Partner(ServiceProvider Services, IReferralsApi Referrals) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private static async Task<HashSet<string>> TimelineKindsAsync(HttpClient counsellor, Guid student) =>
        (await JsonAsync(await counsellor.GetAsync($"/api/records/students/{student}/file"))).GetProperty("timeline")
            .EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToHashSet();

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => EnrolledStudent.JsonAsync(response);
}
