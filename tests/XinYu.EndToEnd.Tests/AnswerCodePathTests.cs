using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using XinYu.Testing;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// A student without an account answers through the gateway: the counsellor issues the class's answer codes, the
/// student (no token) redeems one and submits a PHQ-9 with item 9 at 1, sees the support lines, and the crisis warning
/// is in the school's queue; the same code again is refused.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AnswerCodePathTests(SuiteFixture suite)
{
    [Fact]
    public async Task A_student_answers_with_a_code_through_the_gateway_and_a_self_harm_answer_raises_the_warning()
    {
        using var enrolled = await EnrolledStudent.EnrolAsync(suite);
        var (campaign, code) = await AnswerCodeCampaign.OpenAsync(enrolled);

        using var student = suite.CreateClient(); // no token: students have no accounts
        var redeemed = await EnrolledStudent.JsonAsync(await student.PostAsJsonAsync("/api/screening/answer-codes/redeem", new { campaignId = campaign, code }));
        Assert.Equal(9, redeemed.GetProperty("instruments")[0].GetProperty("items").GetArrayLength());

        var body = new
        {
            campaignId = campaign, code, submissionId = Guid.NewGuid(),
            answers = new[] { new { instrumentCode = "phq-9", instrumentVersion = 1, answers = new[] { 1, 1, 0, 0, 0, 0, 0, 0, 1 } } },
        };
        using var submitted = await student.PostAsJsonAsync("/api/screening/answer-codes/submissions", body);
        var result = await EnrolledStudent.JsonAsync(submitted);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Contains("12356", result.GetProperty("support").GetProperty("hotlines").EnumerateArray().Select(h => h.GetProperty("number").GetString()));

        var warnings = await EnrolledStudent.JsonAsync(await enrolled.Counsellor.GetAsync($"/api/screening/schools/{enrolled.School}/warnings"));
        Assert.Contains(warnings.EnumerateArray(), w => w.GetProperty("studentId").GetGuid() == enrolled.Student && w.GetProperty("level").GetString() == "crisis");

        // The page resending (same submission id) is told it is done; another use of the code is the one "not valid".
        var again = await EnrolledStudent.JsonAsync(await student.PostAsJsonAsync("/api/screening/answer-codes/submissions", body));
        Assert.Equal("already-submitted", again.GetProperty("status").GetString());
        using var reused = await student.PostAsJsonAsync("/api/screening/answer-codes/submissions", new { body.campaignId, body.code, submissionId = Guid.NewGuid(), body.answers });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.True(JsonDocument.Parse(await reused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("code", out _));
    }
}
