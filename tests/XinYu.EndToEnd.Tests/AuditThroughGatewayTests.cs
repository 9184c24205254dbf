using System.Net;
using System.Text.Json;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The audit trail as an auditor reads it through the gateway: verify answers its findings (it once answered an empty
/// 200, the handler's result thrown away), and the list holds the auditor's own bureau's entries only.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AuditThroughGatewayTests(SuiteFixture suite)
{
    [Theory]
    [InlineData("records")]
    [InlineData("screening")]
    [InlineData("liaison")]
    public async Task An_auditors_verify_answers_its_findings_through_the_gateway(string service)
    {
        // The seed has read and changed students' data in every one of these services, so each chain has entries.
        var seed = await ScopeSeed.OfRunAsync(suite);
        using var auditor = EnrolledStudent.Bearer(suite, seed.Tokens["auditor"]!);

        JsonElement verification = default;
        await Testing.Eventually.AssertAsync(async () =>
        {
            using var response = await auditor.GetAsync($"/api/{service}/audit/verify");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
            verification = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            // The sealer chains rows shortly after they commit: wait until it has sealed some.
            return verification.GetProperty("entriesChecked").GetInt32() > 0;
        }, TimeSpan.FromSeconds(30), $"{service}'s sealer to chain the seed's entries");
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
        Assert.Equal(JsonValueKind.Null, verification.GetProperty("brokenAt").ValueKind);
    }

    [Fact]
    public async Task An_auditor_lists_only_their_own_bureaus_entries_through_the_gateway()
    {
        var seed = await ScopeSeed.OfRunAsync(suite);
        var token = seed.Tokens["auditor"]!;
        var bureau = OAuthClient.Claims(token).GetProperty("bureau").GetString();
        using var auditor = EnrolledStudent.Bearer(suite, token);

        var page = await EnrolledStudent.JsonAsync(await auditor.GetAsync($"/api/records/audit?studentId={seed.A.StudentId}&take=1000"));
        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(bureau, e.GetProperty("bureauId").GetString()));
    }
}
