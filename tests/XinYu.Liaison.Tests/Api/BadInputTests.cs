using System.Text;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Liaison.Tests.Api;

/// <summary>What the suite's fuzzer sends a bureau admin's writes: each must be a 4xx problem, never a 5xx or a 2xx.</summary>
[Collection(LiaisonCollection.Name)]
public sealed class BadInputTests(LiaisonApp app)
{
    public static TheoryData<string, string> Bodies()
    {
        var huge = new string('a', 200_000);
        var many = "[" + string.Join(",", Enumerable.Repeat("\"plausible\"", 10_000)) + "]";
        var data = new TheoryData<string, string>();
        foreach (var (url, plausible) in new[]
        {
            ("/api/liaison/agencies", """{"id":"plausible","name":"plausible","kind":"plausible"}"""),
            ("/api/liaison/joint-meetings", """{"heldOn":"plausible","agencyIds":["plausible"],"minutes":"plausible","decisions":["plausible"],"followUps":["plausible"]}"""),
        })
        {
            data.Add(url, plausible);
            data.Add(url, "{}");
            data.Add(url, "null");
            data.Add(url, "{not json");
            data.Add(url, """{"id":null,"name":null,"kind":null,"heldOn":null,"agencyIds":null,"minutes":null}""");
            data.Add(url, $$"""{"id":"{{huge}}","name":"{{huge}}","kind":"police","heldOn":"2026-11-01","agencyIds":["{{huge}}"],"minutes":"{{huge}}"}""");
            data.Add(url, $$"""{"id":"x'; DROP TABLE joint_cases;--","name":"<script>alert(1)</script>","kind":"police","heldOn":"0001-01-01","agencyIds":{{many}},"minutes":"m"}""");
            data.Add(url, """{"id":12345678901234567890,"name":true,"kind":[],"heldOn":"9999-12-31","agencyIds":[1,2],"minutes":-1}""");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_write_is_a_4xx_problem_and_changes_nothing(string url, string body)
    {
        var bureau = Guid.NewGuid();
        using var response = await app.As("bureau-admin", bureau).PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{status}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(await app.QueryAsync(db => db.Agencies.AnyAsync(a => a.BureauId == bureau)));
        Assert.False(await app.QueryAsync(db => db.JointMeetings.AnyAsync(m => m.BureauId == bureau)));
    }
}
