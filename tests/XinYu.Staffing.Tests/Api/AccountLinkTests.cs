using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Testing;

namespace XinYu.Staffing.Tests.Api;

/// <summary>
/// Linking a staff record to a sign-in account: only an account Identity announced (StaffAccountCreated) for the same
/// school, so one school cannot claim another's account and block that school's own link with a 409.
/// </summary>
public sealed class AccountLinkTests(ClockedStaffingApp app) : IClassFixture<ClockedStaffingApp>
{
    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response, string field, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    private async Task<Guid> RegisterSchoolAsync(Guid bureau)
    {
        using var admin = app.As("bureau-admin", bureau);
        return await CreatedIdAsync(await admin.PostAsJsonAsync("/api/staffing/schools", new
        {
            name = "第三中学", code = "L-" + Guid.NewGuid().ToString("N")[..8], level = "junior", urban = true, boarding = false,
            studentCount = 900, legalEntity = true,
        }));
    }

    [Fact]
    public async Task Linking_an_account_takes_only_an_account_of_the_school_as_Identity_announced_it()
    {
        var bureau = Guid.NewGuid();
        var schoolId = await RegisterSchoolAsync(bureau);
        var otherSchool = await RegisterSchoolAsync(bureau);
        using var schoolAdmin = app.As("school-admin", bureau, schoolId);
        var teacher = await CreatedIdAsync(await schoolAdmin.PostAsJsonAsync($"/api/staffing/schools/{schoolId}/staff",
            new { displayName = "李老师", roles = new[] { "full-time-psych" }, hireDate = "2020-09-01" }));
        var own = new StaffAccountCreated { BureauId = bureau, SchoolId = schoolId, AccountId = Guid.NewGuid() };
        var otherSchools = new StaffAccountCreated { BureauId = bureau, SchoolId = otherSchool, AccountId = Guid.NewGuid() };
        var otherBureaus = new StaffAccountCreated { BureauId = Guid.NewGuid(), SchoolId = schoolId, AccountId = Guid.NewGuid() };
        var bureauAccount = new StaffAccountCreated { BureauId = bureau, AccountId = Guid.NewGuid() };
        var bus = await app.BusAsync();
        IntegrationEvent[] events = [own, otherSchools, otherBureaus, bureauAccount];
        foreach (var e in events) await bus.Publish((object)e, e.GetType(), ctx => ctx.MessageId = e.MessageId);
        await Eventually.AssertAsync(() => events.All(e => app.Deliveries.Count(e.MessageId) >= 1), TimeSpan.FromSeconds(60), "every account event consumed");

        // Another school's, another bureau's, a bureau account, an unknown one, one that is no account id: the same 404.
        foreach (var subject in new[] { otherSchools.AccountId.ToString(), otherBureaus.AccountId.ToString(), bureauAccount.AccountId.ToString(),
                     Guid.NewGuid().ToString(), "acct-x" })
        {
            await AssertRejectedAsync(await schoolAdmin.PutAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/account",
                new { accountSubject = subject }), "accountSubject", HttpStatusCode.NotFound);
        }
        Assert.Null(await app.QueryAsync(db => db.Staff.Where(s => s.Id == teacher).Select(s => s.AccountSubject).SingleAsync()));

        // The other school can link its own account; a claim by this school did not block it.
        using var otherAdmin = app.As("school-admin", bureau, otherSchool);
        var otherTeacher = await CreatedIdAsync(await otherAdmin.PostAsJsonAsync($"/api/staffing/schools/{otherSchool}/staff",
            new { displayName = "张老师", roles = new[] { "full-time-psych" }, hireDate = "2020-09-01" }));
        Assert.Equal(HttpStatusCode.NoContent, (await otherAdmin.PutAsJsonAsync($"/api/staffing/schools/{otherSchool}/staff/{otherTeacher}/account",
            new { accountSubject = otherSchools.AccountId.ToString() })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await schoolAdmin.PutAsJsonAsync($"/api/staffing/schools/{schoolId}/staff/{teacher}/account",
            new { accountSubject = own.AccountId.ToString() })).StatusCode);
        Assert.Equal(own.AccountId.ToString(), await app.QueryAsync(db => db.Staff.Where(s => s.Id == teacher).Select(s => s.AccountSubject).SingleAsync()));
    }
}
