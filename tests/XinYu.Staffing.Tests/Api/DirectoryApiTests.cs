using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Outbox;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Tests.Api;

/// <summary>The directory API against the real PostgreSQL: what is stored, what is published, who is refused.</summary>
public sealed class DirectoryApiTests(StaffingApp app) : IClassFixture<StaffingApp>
{
    private static object SchoolBody(string code, string level = "junior", string name = "第二中学") => new
    {
        name, code, level, urban = true, boarding = false, studentCount = 900, legalEntity = true,
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    private async Task<Guid> RegisterSchoolAsync(Guid bureau, string level = "junior")
    {
        using var admin = app.As("bureau-admin", bureau);
        return await CreatedIdAsync(await admin.PostAsJsonAsync("/api/staffing/schools", SchoolBody("S-" + Guid.NewGuid().ToString("N")[..8], level)));
    }

    /// <summary>An account of the school as Identity's StaffAccountCreated would have left it.</summary>
    private async Task<Guid> SeedAccountAsync(Guid bureau, Guid? school)
    {
        var accountId = Guid.NewGuid();
        await app.QueryAsync(db =>
        {
            db.KnownAccounts.Add(new KnownAccount { AccountId = accountId, BureauId = bureau, SchoolId = school });
            return db.SaveChangesAsync();
        });
        return accountId;
    }

    private Task<List<OutboxMessage>> OutboxOfAsync(Guid schoolId) => app.QueryAsync(db =>
        db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateKey == $"school:{schoolId}").OrderBy(m => m.Sequence).ToListAsync());

    [Fact]
    public async Task A_bureau_admin_registers_a_school_and_exactly_one_event_is_stored_with_it()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);

        using var response = await admin.PostAsJsonAsync("/api/staffing/schools", SchoolBody("3301000002", "nine-year"));
        var id = await CreatedIdAsync(response);

        var school = await app.QueryAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal((bureau, "3301000002", "第二中学"), (school.BureauId, school.Code, school.Name));
        var outbox = Assert.Single(await OutboxOfAsync(id));
        Assert.StartsWith("XinYu.Contracts.SchoolRegistered,", outbox.MessageType);
        var payload = JsonDocument.Parse(outbox.Payload).RootElement;
        Assert.Equal(bureau, payload.GetProperty("bureauId").GetGuid());
        Assert.Equal(id, payload.GetProperty("schoolId").GetGuid());
        Assert.Equal("nine-year", payload.GetProperty("level").GetString());

        using var read = await admin.GetAsync($"/api/staffing/schools/{id}");
        Assert.Equal("nine-year", (await JsonAsync(read)).GetProperty("level").GetString());
        using var list = await app.As("bureau-officer", bureau).GetAsync("/api/staffing/schools");
        Assert.Equal([id], (await JsonAsync(list)).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("level", """{"name":"一中","code":"A1","level":"university","urban":true,"boarding":false,"studentCount":10,"legalEntity":true}""")]
    [InlineData("code", """{"name":"一中","code":"has space","level":"senior","urban":true,"boarding":false,"studentCount":10,"legalEntity":true}""")]
    [InlineData("studentCount", """{"name":"一中","code":"A1","level":"senior","urban":true,"boarding":false,"studentCount":-5,"legalEntity":true}""")]
    [InlineData("urban", """{"name":"一中","code":"A1","level":"senior","boarding":false,"studentCount":10,"legalEntity":true}""")]
    [InlineData("name", """{"code":"A1","level":"senior","urban":true,"boarding":false,"studentCount":10,"legalEntity":true}""")]
    public async Task A_bad_school_is_400_naming_the_field_and_stores_nothing(string field, string body)
    {
        var bureau = Guid.NewGuid();
        var outboxBefore = await app.QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

        using var response = await app.As("bureau-admin", bureau)
            .PostAsync("/api/staffing/schools", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertRejectedAsync(response, field);
        Assert.Equal(0, await app.QueryAsync(db => db.Schools.CountAsync(s => s.BureauId == bureau)));
        Assert.Equal(outboxBefore, await app.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task A_school_code_is_unique_within_its_bureau()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);
        await CreatedIdAsync(await admin.PostAsJsonAsync("/api/staffing/schools", SchoolBody("DUP-1")));
        await AssertRejectedAsync(await admin.PostAsJsonAsync("/api/staffing/schools", SchoolBody("DUP-1")), "code", HttpStatusCode.Conflict);
        // Another bureau may use the same code.
        await CreatedIdAsync(await app.As("bureau-admin", Guid.NewGuid()).PostAsJsonAsync("/api/staffing/schools", SchoolBody("DUP-1")));
    }

    [Fact]
    public async Task A_school_admin_staffs_its_classes_and_the_events_carry_no_names()
    {
        var bureau = Guid.NewGuid();
        var schoolId = await RegisterSchoolAsync(bureau, "junior");
        using var schoolAdmin = app.As("school-admin", bureau, schoolId);

        var classId = await CreatedIdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/classes",
            new { grade = 7, name = "七(3)班", entryYear = 2026 }));
        var teacher = await CreatedIdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff",
            new { displayName = "张晓梅", roles = new[] { "head-teacher", "key-teacher" }, hireDate = "2019-09-01" }));
        var other = await CreatedIdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff",
            new { displayName = "刘建国", roles = new[] { "subject-teacher" }, hireDate = "2024-09-01" }));
        await CreatedIdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/classes/{classId}/assignments",
            new { staffId = teacher, kind = "head-teacher" }));

        // A second head teacher is refused, naming the kind, and nothing is stored for it.
        await AssertRejectedAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/classes/{classId}/assignments",
            new { staffId = other, kind = "head-teacher" }), "kind");
        // A grade the school's level does not teach.
        await AssertRejectedAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/classes",
            new { grade = 3, name = "三(1)班", entryYear = 2024 }), "grade");

        using var counsellor = app.As("counsellor", bureau, schoolId);
        var classes = await JsonAsync(await counsellor.GetAsync($"/api/staffing/schools/{schoolId}/classes"));
        var only = Assert.Single(classes.EnumerateArray());
        Assert.Equal(teacher, only.GetProperty("headTeacherId").GetGuid());

        var events = await OutboxOfAsync(schoolId);
        Assert.Equal(
            ["SchoolRegistered", "ClassOpened", "StaffRegistered", "StaffRegistered", "StaffAssignedToClass"],
            events.Select(e => e.MessageType.Split(',')[0].Split('.')[^1]));
        Assert.All(events, e => Assert.DoesNotContain("张晓梅", e.Payload));
        Assert.All(events, e => Assert.DoesNotContain("刘建国", e.Payload));
        Assert.Equal(1, await app.QueryAsync(db => db.Assignments.CountAsync(a => a.ClassId == classId)));

        using var closed = await schoolAdmin.PostAsync($"/api/staffing/schools/{schoolId}/classes/{classId}/close", null);
        Assert.True((await JsonAsync(closed)).GetProperty("closed").GetBoolean());
        Assert.EndsWith("ClassClosed", (await OutboxOfAsync(schoolId))[^1].MessageType.Split(',')[0]);
    }

    [Fact]
    public async Task A_school_admin_of_one_school_cannot_touch_another()
    {
        var bureau = Guid.NewGuid();
        var schoolA = await RegisterSchoolAsync(bureau);
        var schoolB = await RegisterSchoolAsync(bureau);
        using var adminOfB = app.As("school-admin", bureau, schoolB);
        var classOfB = await CreatedIdAsync(await adminOfB.PostAsJsonAsync($"/api/staffing/schools/{schoolB}/classes",
            new { grade = 8, name = "八(1)班", entryYear = 2025 }));
        using var adminOfA = app.As("school-admin", bureau, schoolA);
        var teacherOfA = await CreatedIdAsync(await adminOfA.PostAsJsonAsync($"/api/staffing/schools/{schoolA}/staff",
            new { displayName = "陈老师", roles = new[] { "subject-teacher" }, hireDate = "2022-09-01" }));
        var outboxOfB = (await OutboxOfAsync(schoolB)).Count;

        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.GetAsync($"/api/staffing/schools/{schoolB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.GetAsync($"/api/staffing/schools/{schoolB}/classes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.GetAsync($"/api/staffing/schools/{schoolB}/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.PostAsJsonAsync($"/api/staffing/schools/{schoolB}/classes",
            new { grade = 8, name = "八(2)班", entryYear = 2025 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.PostAsJsonAsync($"/api/staffing/schools/{schoolB}/staff",
            new { displayName = "混入者", roles = new[] { "subject-teacher" }, hireDate = "2022-09-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.PostAsync($"/api/staffing/schools/{schoolB}/classes/{classOfB}/close", null)).StatusCode);
        // B's own admin cannot borrow A's teacher either: the rule names the staff member.
        await AssertRejectedAsync(await adminOfB.PostAsJsonAsync($"/api/staffing/schools/{schoolB}/classes/{classOfB}/assignments",
            new { staffId = teacherOfA, kind = "subject-teacher" }), "staffId");

        Assert.Equal(outboxOfB, (await OutboxOfAsync(schoolB)).Count);
        Assert.Equal(1, await app.QueryAsync(db => db.Classes.CountAsync(c => c.SchoolId == schoolB)));
        Assert.Equal(0, await app.QueryAsync(db => db.Staff.CountAsync(s => s.SchoolId == schoolB)));
        Assert.False(await app.QueryAsync(db => db.Classes.AnyAsync(c => c.Id == classOfB && c.IsClosed)));
    }

    [Fact]
    public async Task Another_bureau_sees_none_of_a_bureau_schools()
    {
        var bureau = Guid.NewGuid();
        var schoolId = await RegisterSchoolAsync(bureau);
        using var stranger = app.As("bureau-admin", Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/staffing/schools/{schoolId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/staffing/schools/{schoolId}", SchoolBody("X-1"))).StatusCode);
        Assert.Empty((await JsonAsync(await stranger.GetAsync("/api/staffing/schools"))).EnumerateArray());
        Assert.Single(await OutboxOfAsync(schoolId));
    }

    [Fact]
    public async Task A_bureau_admin_updates_a_school_but_not_to_a_level_its_classes_do_not_fit()
    {
        var bureau = Guid.NewGuid();
        var schoolId = await RegisterSchoolAsync(bureau, "nine-year");
        await CreatedIdAsync(await app.As("school-admin", bureau, schoolId).PostAsJsonAsync($"/api/staffing/schools/{schoolId}/classes",
            new { grade = 2, name = "二(1)班", entryYear = 2025 }));
        using var admin = app.As("bureau-admin", bureau);

        await AssertRejectedAsync(await admin.PutAsJsonAsync($"/api/staffing/schools/{schoolId}", SchoolBody("U-1", "junior")), "level");
        using var updated = await admin.PutAsJsonAsync($"/api/staffing/schools/{schoolId}", SchoolBody("U-1", "twelve-year", "新名字"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        Assert.Equal("twelve-year", (await JsonAsync(await admin.GetAsync($"/api/staffing/schools/{schoolId}"))).GetProperty("level").GetString());
        Assert.EndsWith("SchoolUpdated", (await OutboxOfAsync(schoolId))[^1].MessageType.Split(',')[0]);
        Assert.Equal(3, (await OutboxOfAsync(schoolId)).Count);
    }

    [Fact]
    public async Task A_bureau_admin_registers_research_staff_who_belong_to_no_school()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);

        var id = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/staffing/research-staff",
            new { displayName = "周教研员", roles = new[] { "research-staff" }, hireDate = "2015-09-01" }));
        await AssertRejectedAsync(await admin.PostAsJsonAsync("/api/staffing/research-staff",
            new { displayName = "吴老师", roles = new[] { "subject-teacher" }, hireDate = "2015-09-01" }), "schoolId");

        var listed = await JsonAsync(await app.As("bureau-officer", bureau).GetAsync("/api/staffing/research-staff"));
        Assert.Equal([id], listed.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        Assert.Empty((await JsonAsync(await app.As("bureau-officer", Guid.NewGuid()).GetAsync("/api/staffing/research-staff"))).EnumerateArray());
        var outbox = Assert.Single(await app.QueryAsync(db =>
            db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AggregateKey == $"bureau:{bureau}").ToListAsync()));
        Assert.DoesNotContain("周教研员", outbox.Payload);
    }

    [Theory]
    [InlineData("partner", "GET", "/api/staffing/schools")]
    [InlineData("counsellor", "POST", "/api/staffing/schools")]
    [InlineData("school-admin", "PUT", "/api/staffing/schools/{school}")]
    [InlineData("auditor", "GET", "/api/staffing/schools/{school}/classes")]
    [InlineData("head-teacher", "GET", "/api/staffing/schools/{school}/staff")]
    [InlineData("bureau-admin", "POST", "/api/staffing/schools/{school}/classes")]
    [InlineData("mentor", "POST", "/api/staffing/schools/{school}/classes/{class}/assignments")]
    [InlineData("school-admin", "POST", "/api/staffing/research-staff")]
    public async Task A_role_without_the_right_is_refused_with_403_before_anything_is_looked_up(string role, string method, string path)
    {
        var bureau = Guid.NewGuid();
        var schoolId = await RegisterSchoolAsync(bureau);
        using var caller = app.As(role, bureau, schoolId);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{school}", schoolId.ToString()).Replace("{class}", Guid.NewGuid().ToString()));
        if (method != "GET") request.Content = JsonContent.Create(new { });

        using var response = await caller.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(await OutboxOfAsync(schoolId));
    }

    [Fact]
    public async Task No_token_is_401()
    {
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/staffing/schools")).StatusCode);
    }

    [Fact]
    public async Task A_staff_member_leaving_publishes_StaffLeftSchool_with_the_linked_account_once()
    {
        var bureau = Guid.NewGuid();
        var schoolId = await RegisterSchoolAsync(bureau);
        var otherSchool = await RegisterSchoolAsync(bureau);
        using var schoolAdmin = app.As("school-admin", bureau, schoolId);
        var teacher = await CreatedIdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff",
            new { displayName = "王老师", roles = new[] { "full-time-psych" }, hireDate = "2020-09-01" }));
        var account = (await SeedAccountAsync(bureau, schoolId)).ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await schoolAdmin.PutAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/account", new { accountSubject = account })).StatusCode);

        await AssertRejectedAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/leave", new { }), "leftOn");
        await AssertRejectedAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/leave", new { leftOn = "2019-01-01" }), "leftOn");
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("school-admin", bureau, otherSchool).PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/leave", new { leftOn = "2026-07-01" })).StatusCode);
        var left = await JsonAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/leave", new { leftOn = "2026-07-01" }));
        Assert.Equal("2026-07-01", left.GetProperty("leftOn").GetString());
        await AssertRejectedAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/leave", new { leftOn = "2026-07-02" }), "staffId");

        var published = (await OutboxOfAsync(schoolId)).Where(m => m.MessageType.Contains("StaffLeftSchool", StringComparison.Ordinal)).ToList();
        var message = JsonDocument.Parse(Assert.Single(published).Payload).RootElement;
        Assert.Equal((teacher, account, "2026-07-01"), (message.GetProperty("staffId").GetGuid(), message.GetProperty("accountSubject").GetString(), message.GetProperty("leftOn").GetString()));
        Assert.DoesNotContain("王老师", published[0].Payload);
    }
}
