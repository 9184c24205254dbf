using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Records.Tests.Api;

/// <summary>A move out of the bureau: a sealed, signed package that the receiving bureau imports, and that is refused if tampered with.</summary>
public sealed class ExchangeTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    /// <summary>Public keys of a key pair the test holds: what a bureau admin could register as a "partner" to read a package offline.</summary>
    private static object OwnKeyPair() => new
    {
        signingPublicKey = Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo()),
        agreementPublicKey = Convert.ToBase64String(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo()),
    };

    private static HttpRequestMessage Export(Guid studentId, Guid toBureau)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/records/students/{studentId}/export-package") { Content = JsonContent.Create(new { toBureauId = toBureau }) };
        request.Headers.Add("X-Purpose", "transfer out of the bureau");
        return request;
    }

    private Task<List<XinYu.ServiceDefaults.Auditing.AuditEntry>> AuditOfAsync(Guid studentId) =>
        app.QueryAsync(db => db.Set<XinYu.ServiceDefaults.Auditing.AuditEntry>().AsNoTracking().Where(a => a.StudentId == studentId).OrderBy(a => a.Sequence).ToListAsync());

    private async Task<(TestSchool From, TestSchool To, EnrolledStudent Student, JsonElement Package)> ExportAsync()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync(); // another bureau of this deployment: its own keys, no registration
        var student = (await app.EnrolAsync(from, "欧阳娜娜")).Single();
        using var counsellor = app.As("counsellor", from.Bureau, from.School);
        await (await counsellor.PostJsonAsync($"/api/records/students/{student.Id}/entries", new { section = "psychological-status", text = "轻度抑郁，持续关注" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await counsellor.PostJsonAsync($"/api/records/schools/{from.School}/sessions", new
        {
            counsellorStaffId = await app.StaffAsync(from), kind = "individual", heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
            durationMinutes = 50, studentIds = new[] { student.Id }, notes = "讨论转学适应",
        })).JsonAsync(HttpStatusCode.Created);
        var package = await (await app.As("bureau-admin", from.Bureau).SendAsync(Export(student.Id, to.Bureau))).JsonAsync(HttpStatusCode.OK);
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

    // Issue 15, point 4: a single bureau admin does not get names and notes out through a key pair of their own.

    [Fact]
    public async Task A_self_registered_partner_key_is_refused_until_a_second_admin_approves_it()
    {
        var from = await app.SchoolAsync();
        var elsewhere = Guid.NewGuid(); // a bureau of another deployment: Records holds no keys or schools of it
        var student = (await app.EnrolAsync(from, "司马相如")).Single();
        using var admin = app.As("bureau-admin", from.Bureau);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/records/exchange/partners/{elsewhere}", OwnKeyPair())).StatusCode);

        await (await admin.SendAsync(Export(student.Id, elsewhere))).AssertRejectedAsync("toBureauId", HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/records/exchange/partners/{elsewhere}/approve", null)).AssertRejectedAsync("partnerBureauId", HttpStatusCode.Forbidden);
        await (await admin.SendAsync(Export(student.Id, elsewhere))).AssertRejectedAsync("toBureauId", HttpStatusCode.Conflict);
        Assert.Equal("active", await app.QueryAsync(db => db.Students.Where(s => s.Id == student.Id).Select(s => s.Status).SingleAsync()));
        Assert.DoesNotContain(await AuditOfAsync(student.Id), a => a.Action == "export");

        using var second = app.As("bureau-admin", from.Bureau);
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync($"/api/records/exchange/partners/{elsewhere}/approve", null)).StatusCode);
        var package = await (await admin.SendAsync(Export(student.Id, elsewhere))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(elsewhere, package.GetProperty("recipientBureauId").GetGuid());

        // New keys for the partner wait for a second admin again.
        var other = (await app.EnrolAsync(from, "卓文君")).Single();
        Assert.Equal(HttpStatusCode.NoContent, (await second.PutAsJsonAsync($"/api/records/exchange/partners/{elsewhere}", OwnKeyPair())).StatusCode);
        await (await second.SendAsync(Export(other.Id, elsewhere))).AssertRejectedAsync("toBureauId", HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, (await second.PostAsync($"/api/records/exchange/partners/{Guid.NewGuid()}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task A_bureau_of_the_same_deployment_uses_its_own_keys_and_a_PUT_cannot_replace_them()
    {
        var from = await app.SchoolAsync();
        var to = await app.SchoolAsync();
        using var admin = app.As("bureau-admin", from.Bureau);
        await (await admin.PutAsJsonAsync($"/api/records/exchange/partners/{to.Bureau}", OwnKeyPair())).AssertRejectedAsync("partnerBureauId", HttpStatusCode.Conflict);
        Assert.False(await app.QueryAsync(db => db.ExchangePartners.AnyAsync(p => p.PartnerBureauId == to.Bureau)));

        var student = (await app.EnrolAsync(from, "王昭君")).Single();
        var package = await (await admin.SendAsync(Export(student.Id, to.Bureau))).JsonAsync(HttpStatusCode.OK);
        // Sealed for the receiving bureau's own key: it opens there.
        await (await app.As("bureau-admin", to.Bureau).PostJsonAsync("/api/records/exchange/imports", new { package, schoolId = to.School, classId = to.ClassA }))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_export_is_audited_as_a_read_of_the_file_and_its_notes_with_the_purpose()
    {
        var (_, _, student, package) = await ExportAsync();
        var entries = (await AuditOfAsync(student.Id)).Where(a => a.ResourceId == $"package:{package.GetProperty("packageId").GetGuid()}").ToList();
        Assert.Contains(entries, a => (a.Action, a.ResourceType, a.Purpose) == ("export", "student-file-export", "transfer out of the bureau"));
        Assert.Contains(entries, a => (a.Action, a.ResourceType, a.Purpose) == ("read", "student-file", "transfer out of the bureau"));
        Assert.Contains(entries, a => (a.Action, a.ResourceType, a.Purpose) == ("read", "counselling-note", "transfer out of the bureau"));
    }
}
