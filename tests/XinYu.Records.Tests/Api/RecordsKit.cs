using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Outbox;
using XinYu.Records.Domain;

namespace XinYu.Records.Tests.Api;

/// <summary>A school with two named classes, known to Records as if the directory had told it.</summary>
public sealed record TestSchool(Guid Bureau, Guid School, Guid ClassA, Guid ClassB)
{
    public const string ClassAName = "七(1)班";
    public const string ClassBName = "七(2)班";
}

public sealed record EnrolledStudent(Guid Id, string Name);

/// <summary>Shared steps of the records tests: schools, rosters, students, JSON.</summary>
public static class RecordsKit
{
    public const string RosterHeader = "姓名,学籍号,性别,出生日期,班级,监护人,监护人关系,监护人电话";

    public static async Task<TestSchool> SchoolAsync(this RecordsApp app, Guid? bureau = null)
    {
        var school = new TestSchool(bureau ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await app.QueryAsync(async db =>
        {
            db.Schools.Add(new KnownSchool { SchoolId = school.School, BureauId = school.Bureau, Level = "junior", LearnedAt = DateTimeOffset.UtcNow });
            db.Classes.Add(new KnownClass { ClassId = school.ClassA, SchoolId = school.School, BureauId = school.Bureau, Grade = 7, EntryYear = 2026, Name = TestSchool.ClassAName });
            db.Classes.Add(new KnownClass { ClassId = school.ClassB, SchoolId = school.School, BureauId = school.Bureau, Grade = 7, EntryYear = 2026, Name = TestSchool.ClassBName });
            return await db.SaveChangesAsync();
        });
        return school;
    }

    /// <summary>A staff member of the school, known to Records as if the directory's StaffRegistered had told it (a full-time psych teacher unless said).</summary>
    public static Task<Guid> StaffAsync(this RecordsApp app, TestSchool school, params string[] roles) => app.QueryAsync(async db =>
    {
        var id = Guid.NewGuid();
        db.Staff.Add(new KnownStaffMember { StaffId = id, BureauId = school.Bureau, SchoolId = school.School, Roles = roles.Length > 0 ? [.. roles] : ["full-time-psych"], LearnedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return id;
    });

    public static string Number() => "G" + Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999);

    public static string Row(string name, string number, string className, string gender = "女", string birth = "2013-05-17",
        string guardian = "王建国", string relation = "父亲", string phone = "13812345678") =>
        $"{name},{number},{gender},{birth},{className},{guardian},{relation},{phone}";

    public static StringContent Csv(IEnumerable<string> rows, string header = RosterHeader) =>
        new(string.Join("\r\n", rows.Prepend(header)) + "\r\n", Encoding.UTF8, "text/csv");

    /// <summary>Enrols students into class A of the school through the roster API and returns them with their ids.</summary>
    public static async Task<List<EnrolledStudent>> EnrolAsync(this RecordsApp app, TestSchool school, params string[] names)
    {
        using var admin = app.As("school-admin", school.Bureau, school.School);
        using var response = await admin.PostAsync($"/api/records/schools/{school.School}/roster",
            Csv(names.Select(n => Row(n, Number(), TestSchool.ClassAName))));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var ids = await app.QueryAsync(db => db.Students.AsNoTracking().Where(s => s.SchoolId == school.School).Select(s => new { s.Id, s.Name }).ToListAsync());
        return names.Select(n => new EnrolledStudent(ids.Single(i => i.Name == n).Id, n)).ToList();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task AssertRejectedAsync(this HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    public static Task<List<OutboxMessage>> OutboxAsync(this RecordsApp app, string typeName) => app.QueryAsync(db =>
        db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType.StartsWith("XinYu.Contracts." + typeName + ",")).OrderBy(m => m.Sequence).ToListAsync());

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
