using System.Net;
using System.Text.Json;
using Npgsql;
using XinYu.Testing;

namespace XinYu.Records.Tests.Api;

/// <summary>
/// The auditor's view of Records' trail, on the real migrated database: its own bureau only, a verify that answers,
/// and a service role that cannot rewrite or unguard the trail.
/// </summary>
public sealed class AuditApiTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    [Fact]
    public async Task An_auditor_lists_its_own_bureaus_entries_only()
    {
        var mine = await app.SchoolAsync();
        var theirs = await app.SchoolAsync();
        var student = (await app.EnrolAsync(mine, "郑小雨")).Single();
        var other = (await app.EnrolAsync(theirs, "钱小风")).Single();
        foreach (var (school, id) in new[] { (mine, student.Id), (theirs, other.Id) })
        {
            using var counsellor = app.As("counsellor", school.Bureau, school.School);
            counsellor.DefaultRequestHeaders.Add("X-Purpose", "weekly follow-up");
            await (await counsellor.GetAsync($"/api/records/students/{id}/file")).JsonAsync(HttpStatusCode.OK);
        }

        using var auditor = app.As("auditor", mine.Bureau);
        var entries = (await (await auditor.GetAsync("/api/records/audit?take=1000")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("studentId").GetString() == student.Id.ToString());
        Assert.DoesNotContain(entries, e => e.GetProperty("studentId").ValueKind == JsonValueKind.String && e.GetProperty("studentId").GetGuid() == other.Id);
        Assert.All(entries, e => Assert.Equal(mine.Bureau, e.GetProperty("bureauId").GetGuid()));
        var byStudent = (await (await auditor.GetAsync($"/api/records/audit?studentId={other.Id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("entries");
        Assert.Equal(0, byStudent.GetArrayLength());
    }

    [Fact]
    public async Task Verify_answers_with_its_findings_once_the_sealer_has_chained_the_rows()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "孙小禾")).Single();
        using (var counsellor = app.As("counsellor", school.Bureau, school.School))
        {
            counsellor.DefaultRequestHeaders.Add("X-Purpose", "weekly follow-up");
            await (await counsellor.GetAsync($"/api/records/students/{student.Id}/file")).JsonAsync(HttpStatusCode.OK);
        }
        using var auditor = app.As("auditor", school.Bureau);
        JsonElement verification = default;
        await Eventually.AssertAsync(async () =>
        {
            verification = await (await auditor.GetAsync("/api/records/audit/verify")).JsonAsync(HttpStatusCode.OK);
            return verification.GetProperty("unsealed").GetInt32() == 0 && verification.GetProperty("entriesChecked").GetInt32() > 0;
        }, TimeSpan.FromSeconds(30), "the sealer to chain the roster's audit entries");
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
    }

    [Fact]
    public async Task The_openapi_document_lists_verify_with_its_answer()
    {
        using var http = app.CreateClient();
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;
        var ok = document.GetProperty("paths").GetProperty("/api/records/audit/verify").GetProperty("get").GetProperty("responses").GetProperty("200");
        var schema = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("AuditVerification", schema.GetProperty("$ref").GetString());
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor_id = 'someone-else'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER USER")]
    [InlineData("DROP TRIGGER audit_seal_once ON audit_entries")]
    public async Task Records_own_role_can_neither_rewrite_nor_unguard_its_trail(string attempt)
    {
        var school = await app.SchoolAsync();
        await app.EnrolAsync(school, "李小川");
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(attempt, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
