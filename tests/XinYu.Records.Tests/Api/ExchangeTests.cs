using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Records.Tests.Api;

/// <summary>A move out of the bureau: a sealed, signed package that the receiving bureau imports, and that is refused if tampered with.</summary>
public sealed class ExchangeTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    private async Task PartnersAsync(Guid a, Guid b)
    {
        var keysA = await (await app.As("bureau-admin", a).GetAsync("/api/records/exchange/keys")).JsonAsync(HttpStatusCode.OK);
        var keysB = await (await app.As("bureau-admin", b).GetAsync("/api/records/exchange/keys")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await app.As("bureau-admin", a).PutAsJsonAsync($"/api/records/exchange/partners/{b}",
            new { signingPublicKey = keysB.GetProperty("signingPublicKey").GetString(), agreementPublicKey = keysB.GetProperty("agreementPublicKey").GetString() })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.As("bureau-admin", b).PutAsJsonAsync($"/api/records/exchange/partners/{a}",
            new { signingPublicKey = keysA.GetProperty("signingPublicKey").GetString(), agreementPublicKey = keysA.GetProperty("agreementPublicKey").GetString() })).StatusCode);
    }

    private async Task<(TestSchool From, TestSchool To, EnrolledStudent Student, JsonElement Package)> ExportAsync()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(); // another bureau
        await PartnersAsync(from.Bureau, to.Bureau);
        var student = (await app.EnrolAsync(from, "欧阳娜娜")).Single();
        using var counsellor = app.As("counsellor", from.Bureau, from.School);
        await (await counsellor.PostJsonAsync($"/api/records/students/{student.Id}/entries", new { section = "psychological-status", text = "轻度抑郁，持续关注" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await counsellor.PostJsonAsync($"/api/records/schools/{from.School}/sessions", new
        {
            counsellorStaffId = Guid.NewGuid(), kind = "individual", heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            durationMinutes = 50, studentIds = new[] { student.Id }, notes = "讨论转学适应",
        })).JsonAsync(HttpStatusCode.Created);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/records/students/{student.Id}/export-package") { Content = JsonContent.Create(new { toBureauId = to.Bureau }) };
        request.Headers.Add("X-Purpose", "transfer out of the bureau");
        var package = await (await app.As("bureau-admin", from.Bureau).SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        return (from, to, student, package);
    }

    [Fact]
    public async Task An_exported_package_imports_into_the_receiving_bureau_with_the_whole_file()
    {
        var (from, to, student, package) = await ExportAsync();
        Assert.DoesNotContain("欧阳娜娜", package.GetRawText());
        Assert.DoesNotContain("轻度抑郁", package.GetRawText());
        Assert.Equal("left", await app.QueryAsync(db => db.Students.Where(s => s.Id == student.Id).Select(s => s.Status).SingleAsync()));

        using var receiver = app.As("bureau-admin", to.Bureau);
        var imported = await (await receiver.PostJsonAsync("/api/records/exchange/imports", new { package, schoolId = to.School, classId = to.ClassA }))
            .JsonAsync(HttpStatusCode.Created);
        var newId = imported.GetProperty("studentId").GetGuid();
        Assert.NotEqual(student.Id, newId); // the id is taken in this (shared) test database, so a new one is given

        var notes = new HttpRequestMessage(HttpMethod.Get, $"/api/records/students/{newId}/file?sections=basic,psychological-status,counselling,counselling-notes");
        notes.Headers.Add("X-Purpose", "intake after transfer");
        var file = await (await app.As("counsellor", to.Bureau, to.School).SendAsync(notes)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("欧阳娜娜", file.GetProperty("basic").GetProperty("name").GetString());
        Assert.Equal("轻度抑郁，持续关注", file.GetProperty("psychologicalStatus")[0].GetProperty("text").GetString());
        Assert.Equal("讨论转学适应", file.GetProperty("counsellingNotes")[0].GetProperty("notes").GetString());
        Assert.Contains(file.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "counselling-session-held");
        Assert.Equal(1, await app.QueryAsync(db => db.Set<XinYu.ServiceDefaults.Auditing.AuditEntry>().CountAsync(a => a.StudentId == student.Id && a.Action == "export")));
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("recipientBureauId")]
    [InlineData("createdAt")]
    [InlineData("signature")]
    public async Task A_tampered_package_is_rejected_and_nothing_is_stored(string field)
    {
        var (_, to, _, package) = await ExportAsync();
        var node = JsonNode.Parse(package.GetRawText())!.AsObject();
        switch (field)
        {
            case "ciphertext":
                var bytes = Convert.FromBase64String(node["ciphertext"]!.GetValue<string>());
                bytes[bytes.Length / 2] ^= 0x01;
                node["ciphertext"] = Convert.ToBase64String(bytes);
                break;
            case "recipientBureauId":
                node["senderBureauId"] = Guid.NewGuid().ToString(); // claims another sender
                break;
            case "createdAt":
                node["createdAt"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
                break;
            case "signature":
                var signature = Convert.FromBase64String(node["signature"]!.GetValue<string>());
                signature[^1] ^= 0x01;
                node["signature"] = Convert.ToBase64String(signature);
                break;
        }
        var before = await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == to.School));

        using var response = await app.As("bureau-admin", to.Bureau).PostJsonAsync("/api/records/exchange/imports", new { package = node, schoolId = to.School, classId = to.ClassA });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == to.School)));
    }

    [Fact]
    public async Task A_package_for_another_bureau_is_refused()
    {
        var (_, _, _, package) = await ExportAsync();
        var third = await app.SchoolAsync();
        await (await app.As("bureau-admin", third.Bureau).PostJsonAsync("/api/records/exchange/imports", new { package, schoolId = third.School, classId = third.ClassA }))
            .AssertRejectedAsync("package.recipientBureauId");
    }
}
