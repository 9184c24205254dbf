using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Records.Tests.Api;

/// <summary>Guardian consent: given and withdrawn as new rows, the latest counting, each published as ConsentRecorded.</summary>
public sealed class ConsentTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    private async Task<(TestSchool School, EnrolledStudent Student, Guid Guardian)> StudentAsync()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "黄晓明")).Single();
        var guardian = await app.QueryAsync(db => db.Guardians.Where(g => g.StudentId == student.Id).Select(g => g.Id).SingleAsync());
        return (school, student, guardian);
    }

    [Fact]
    public async Task Consent_given_then_withdrawn_keeps_both_rows_the_latest_counts_and_each_is_published()
    {
        var (school, student, guardian) = await StudentAsync();
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var url = $"/api/records/students/{student.Id}/consents";
        await (await counsellor.PostJsonAsync(url, new { purpose = "screening", granted = true, guardianId = guardian, method = "paper", givenAt = DateTimeOffset.UtcNow.AddDays(-2) }))
            .JsonAsync(HttpStatusCode.Created);
        await (await counsellor.PostJsonAsync(url, new { purpose = "data-sharing", agencyId = "hospital-7", granted = true, guardianId = guardian, method = "online" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await counsellor.PostJsonAsync(url, new { purpose = "screening", granted = false, guardianId = guardian, method = "online" }))
            .JsonAsync(HttpStatusCode.Created);

        var history = await (await counsellor.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, history.GetProperty("history").GetArrayLength());
        var current = history.GetProperty("current").EnumerateArray().ToDictionary(c => c.GetProperty("purpose").GetString()!, c => c.GetProperty("granted").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["data-sharing"] = true, ["screening"] = false }, current);
        var published = (await app.OutboxAsync("ConsentRecorded")).Where(m => m.AggregateKey == $"student:{student.Id}")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal([("screening", true), ("data-sharing", true), ("screening", false)],
            published.Select(p => (p.GetProperty("purpose").GetString(), p.GetProperty("granted").GetBoolean())));
        Assert.Equal("hospital-7", published[1].GetProperty("agencyId").GetString());
    }

    [Theory]
    [InlineData("purpose", """{"purpose":"marketing","granted":true,"method":"paper"}""")]
    [InlineData("agencyId", """{"purpose":"data-sharing","granted":true,"method":"paper"}""")]
    [InlineData("agencyId", """{"purpose":"screening","agencyId":"x","granted":true,"method":"paper"}""")]
    [InlineData("granted", """{"purpose":"screening","method":"paper"}""")]
    [InlineData("method", """{"purpose":"screening","granted":true,"method":"fax"}""")]
    [InlineData("givenAt", """{"purpose":"screening","granted":true,"method":"paper","givenAt":"2999-01-01T00:00:00Z"}""")]
    public async Task Bad_consent_is_400_naming_the_field_and_nothing_is_stored(string field, string body)
    {
        var (school, student, guardian) = await StudentAsync();
        var json = body.Replace("{\"purpose\"", $"{{\"guardianId\":\"{guardian}\",\"purpose\"");
        using var response = await app.As("school-admin", school.Bureau, school.School).PostAsync($"/api/records/students/{student.Id}/consents",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertRejectedAsync(field);
        Assert.Equal(0, await app.QueryAsync(db => db.Consents.CountAsync(c => c.StudentId == student.Id)));
    }

    [Fact]
    public async Task A_guardian_of_another_student_is_refused()
    {
        var (school, student, _) = await StudentAsync();
        var (_, _, otherGuardian) = await StudentAsync();
        await (await app.As("counsellor", school.Bureau, school.School).PostJsonAsync($"/api/records/students/{student.Id}/consents",
            new { purpose = "referral", granted = true, guardianId = otherGuardian, method = "paper" })).AssertRejectedAsync("guardianId");
    }
}
