using System.Net.Http.Json;
using XinYu.Testing;

namespace XinYu.EndToEnd.Tests;

/// <summary>A PHQ-9 campaign open today for an enrolled student's school, and the answer code the counsellor issued them.</summary>
public sealed record AnswerCodeCampaign(Guid CampaignId, string Code)
{
    public static async Task<AnswerCodeCampaign> OpenAsync(EnrolledStudent enrolled)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Guid campaign = default;
        await Eventually.AssertAsync(async () =>
        {
            using var created = await enrolled.Bureau.PostAsJsonAsync("/api/screening/campaigns", new
            {
                name = "答题码普测", instruments = new[] { new { code = "phq-9", version = 1 } }, schoolIds = new[] { enrolled.School },
                grades = new[] { 7 }, windowStart = today.AddDays(-1), windowEnd = today.AddDays(30),
            });
            if (created.IsSuccessStatusCode) campaign = (await EnrolledStudent.JsonAsync(created)).GetProperty("id").GetGuid();
            return created.IsSuccessStatusCode;
        }, EnrolledStudent.Delivery, "Screening to learn the school");

        // Screening learns the student from Records' events: until then the class has nobody to issue a code for.
        string? code = null;
        await Eventually.AssertAsync(async () =>
        {
            using var issued = await enrolled.Counsellor.PostAsync($"/api/screening/campaigns/{campaign}/classes/{enrolled.ClassId}/answer-codes", null);
            if (!issued.IsSuccessStatusCode) return false;
            code = (await EnrolledStudent.JsonAsync(issued)).GetProperty("codes").EnumerateArray()
                .Where(c => c.GetProperty("studentId").GetGuid() == enrolled.Student).Select(c => c.GetProperty("code").GetString()).FirstOrDefault();
            return code is not null;
        }, EnrolledStudent.Delivery, "Screening to learn the student");
        return new AnswerCodeCampaign(campaign, code!);
    }
}
