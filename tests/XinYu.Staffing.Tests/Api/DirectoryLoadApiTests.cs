using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Outbox;

namespace XinYu.Staffing.Tests.Api;

/// <summary>A school's classes and staff in one request: stored and announced as one by one would, or not at all.</summary>
public sealed class DirectoryLoadApiTests(StaffingApp app) : IClassFixture<StaffingApp>
{
    private async Task<(Guid Bureau, Guid School)> RegisterSchoolAsync()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);
        using var response = await admin.PostAsJsonAsync("/api/staffing/schools", new
        {
            name = "第三中学", code = "S-" + Guid.NewGuid().ToString("N")[..8], level = "junior", urban = true, boarding = false,
            studentCount = 900, legalEntity = true,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (bureau, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
    }

    private static object Class(int grade, string name) => new { grade, name, entryYear = 2025 };
    private static object Member(string name, params string[] roles) => new { displayName = name, roles, hireDate = "2020-09-01" };

    private Task<int> OutboxCountAsync(Guid schoolId) => app.QueryAsync(db =>
        db.Set<OutboxMessage>().CountAsync(m => m.AggregateKey == $"school:{schoolId}" && !m.MessageType.StartsWith("XinYu.Contracts.SchoolRegistered,")));

    [Fact]
    public async Task A_school_admin_loads_classes_and_staff_in_one_request_each_stored_and_announced_once_in_the_order_given()
    {
        var (bureau, school) = await RegisterSchoolAsync();
        using var schoolAdmin = app.As("school-admin", bureau, school);

        using var response = await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{school}/directory", new
        {
            classes = new[] { Class(7, "七(1)班"), Class(8, "八(1)班") },
            staff = new[] { Member("心理教师", "full-time-psych"), Member("班主任", "head-teacher", "subject-teacher"), Member("学科教师", "subject-teacher") },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var view = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["七(1)班", "八(1)班"], view.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["心理教师", "班主任", "学科教师"], view.GetProperty("staff").EnumerateArray().Select(s => s.GetProperty("displayName").GetString()));

        Assert.Equal([7, 8], await app.QueryAsync(db =>
            db.Classes.AsNoTracking().Where(c => c.SchoolId == school).Select(c => c.Grade).OrderBy(g => g).ToListAsync()));
        Assert.Equal(3, await app.QueryAsync(db => db.Staff.AsNoTracking().CountAsync(s => s.SchoolId == school)));
        var events = await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateKey == $"school:{school}").OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        Assert.Equal(["SchoolRegistered", "ClassOpened", "ClassOpened", "StaffRegistered", "StaffRegistered", "StaffRegistered"],
            events.Select(t => t.Split(',')[0].Replace("XinYu.Contracts.", "")));
    }

    [Theory]
    [InlineData("classes[1].grade", """{"classes":[{"grade":7,"name":"七(1)班","entryYear":2025},{"grade":11,"name":"高二(1)班","entryYear":2025}],"staff":[]}""")]
    [InlineData("staff[2].hireDate", """{"classes":[{"grade":7,"name":"七(1)班","entryYear":2025}],"staff":[{"displayName":"甲","roles":["subject-teacher"],"hireDate":"2020-09-01"},{"displayName":"乙","roles":["subject-teacher"],"hireDate":"2020-09-01"},{"displayName":"丙","roles":["subject-teacher"]}]}""")]
    [InlineData("staff[0].roles", """{"staff":[{"displayName":"甲","roles":["dean"],"hireDate":"2020-09-01"}]}""")]
    [InlineData("staff[0]", """{"staff":[null]}""")]
    [InlineData("classes", """{"classes":[],"staff":[]}""")]
    public async Task A_refused_entry_is_named_by_its_position_and_nothing_of_the_request_is_stored(string field, string json)
    {
        var (bureau, school) = await RegisterSchoolAsync();
        using var schoolAdmin = app.As("school-admin", bureau, school);

        using var response = await schoolAdmin.PostAsync($"/api/staffing/schools/{school}/directory",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        var stored = await app.QueryAsync(async db => (await db.Classes.CountAsync(c => c.SchoolId == school), await db.Staff.CountAsync(s => s.SchoolId == school)));
        Assert.Equal((0, 0), stored);
        Assert.Equal(0, await OutboxCountAsync(school));
    }

    [Fact]
    public async Task More_staff_than_any_school_has_is_refused_before_anything_is_checked()
    {
        var (bureau, school) = await RegisterSchoolAsync();
        using var schoolAdmin = app.As("school-admin", bureau, school);
        var staff = Enumerable.Range(0, Apis.DirectoryLoadApi.MaxEntries + 1).Select(i => Member($"教师{i}", "subject-teacher")).ToArray();

        using var response = await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{school}/directory", new { staff });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("staff", out _));
        Assert.Equal(0, await app.QueryAsync(db => db.Staff.CountAsync(s => s.SchoolId == school)));
    }

    [Fact]
    public async Task Another_schools_admin_is_told_the_school_does_not_exist_and_nothing_is_stored()
    {
        var (bureau, school) = await RegisterSchoolAsync();
        using var otherAdmin = app.As("school-admin", bureau, Guid.NewGuid());

        using var response = await otherAdmin.PostAsJsonAsync($"/api/staffing/schools/{school}/directory",
            new { classes = new[] { Class(7, "七(1)班") } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Classes.CountAsync(c => c.SchoolId == school)));
    }
}
