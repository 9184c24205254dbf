using System.Text.Json;
using XinYu.Demo;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// <c>./xinyu.sh demo</c> against the running suite: the identity service's demo-admin command (Development only),
/// then the demo school made through the gateway (demo/XinYu.Demo).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class DemoTests(SuiteFixture suite)
{
    [Fact]
    public async Task The_demo_makes_a_school_whose_counsellor_can_issue_answer_codes_and_a_second_run_makes_nothing_twice()
    {
        // bootstrap-admin refuses once any bureau admin exists: the suite's own admin comes first, whichever test runs first.
        await IdentityFlowTests.AdminTokensAsync(suite);
        var (exit, output) = await OAuthClient.IdentityCommandAsync(suite, "demo-admin", DemoAccounts.BureauAdmin, DemoAccounts.Bureau, DemoAccounts.Password);
        Assert.True(exit == 0, output);
        var gateway = new Uri(suite.Issuer);

        var first = await DemoSchool.MakeAsync(gateway, _ => { });
        // A newcomer runs it again: the same school, classes and campaign, and the demo passwords still work.
        var (again, _) = await OAuthClient.IdentityCommandAsync(suite, "demo-admin", DemoAccounts.BureauAdmin, DemoAccounts.Bureau, DemoAccounts.Password);
        Assert.Equal(0, again);
        var second = await DemoSchool.MakeAsync(gateway, _ => { });
        Assert.Equal(first.School, second.School);
        Assert.Equal(first.Classes, second.Classes);
        Assert.Equal(first.Campaign, second.Campaign);
        Assert.Equal(DemoRoster.StudentCount, second.Students);

        using var counsellor = await DemoCalls.SignInAsync(gateway, DemoAccounts.Counsellor, DemoAccounts.Password);
        Assert.Equal(DemoRoster.StudentCount, (await counsellor.GetAsync($"/api/records/schools/{first.School}/students")).GetArrayLength());
        var slots = (await counsellor.GetAsync($"/api/records/schools/{first.School}/duty-slots")).EnumerateArray()
            .Select(s => (s.GetProperty("date").GetString(), s.GetProperty("startsAt").GetString())).ToList();
        Assert.NotEmpty(slots);
        Assert.Equal(slots.Count, slots.Distinct().Count());
        using var bureau = await DemoCalls.SignInAsync(gateway, DemoAccounts.BureauAdmin, DemoAccounts.Password);
        Assert.Single((await bureau.GetAsync("/api/screening/campaigns")).EnumerateArray(), c => c.GetProperty("name").GetString() == DemoRoster.CampaignName);

        // What the newcomer does next: codes for 七(1)班, one per student (Screening learnt them and their consent).
        JsonElement issued = default;
        await XinYu.Testing.Eventually.AssertAsync(async () =>
        {
            try
            {
                issued = await counsellor.PostAsync($"/api/screening/campaigns/{first.Campaign}/classes/{first.Classes[0]}/answer-codes", null);
                return issued.GetProperty("codes").GetArrayLength() == DemoRoster.StudentCount / 2;
            }
            catch (DemoFailedException)
            {
                return false;
            }
        }, EnrolledStudent.Delivery, "Screening to learn the demo's students");
        // The head teacher signs in with the demo password too.
        using var _ = await DemoCalls.SignInAsync(gateway, DemoAccounts.HeadTeacher, DemoAccounts.Password);
    }

    [Fact]
    public async Task Outside_Development_demo_admin_refuses_and_makes_no_account()
    {
        var email = $"demo-{Guid.NewGuid():N}@xinyu.example";
        const string password = "Not-A-Demo-Password-1";
        var (exit, output) = await OAuthClient.IdentityCommandAsync(suite, "demo-admin", email, Guid.NewGuid(), password,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(3, exit);
        Assert.Contains("demo-admin runs only in Development", output);
        await Assert.ThrowsAsync<SignInRefusedException>(() => OAuthClient.SignInAsync(suite, email, password));
    }
}
