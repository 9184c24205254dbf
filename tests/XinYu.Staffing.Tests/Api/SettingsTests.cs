using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinYu.Staffing.Data;
using XinYu.Testing.Services;

namespace XinYu.Staffing.Tests.Api;

/// <summary>A bureau that moved the urban deadline to mid-2027 and counts a class hour as 40 minutes.</summary>
public sealed class RelaxedDeadlineApp : ServiceApp<Program, StaffingDbContext>
{
    public RelaxedDeadlineApp() : base("staffingdb") { }

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Staffing:Compliance:UrbanDeadline", "2027-06-30"),
        new("Staffing:Compliance:LegalEntityDeadline", "2027-06-30"),
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2027, 1, 15, 2, 0, 0, TimeSpan.Zero)));
}

/// <summary>The policy numbers come from configuration: the same school is judged by the bureau's own deadline.</summary>
public sealed class SettingsTests(RelaxedDeadlineApp app) : IClassFixture<RelaxedDeadlineApp>
{
    [Fact]
    public async Task A_configured_deadline_replaces_the_seed_default()
    {
        var bureau = Guid.NewGuid();
        using var admin = app.As("bureau-admin", bureau);
        using var created = await admin.PostAsJsonAsync("/api/staffing/schools", new
        {
            name = "一中", code = "R-1", level = "senior", urban = true, boarding = false, studentCount = 900, legalEntity = true,
        });
        var school = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var result = JsonDocument.Parse(await (await admin.GetAsync($"/api/staffing/schools/{school}/compliance")).Content.ReadAsStringAsync()).RootElement;

        // With the seed's 2025-12-31 this school (no full-time psych teacher on 2027-01-15) would be in violation;
        // under the bureau's 2027-06-30 it is compliant, with the gap noted as due.
        Assert.True(result.GetProperty("compliant").GetBoolean());
        Assert.Equal("2027-06-30", result.GetProperty("deadline").GetString());
        Assert.Contains(result.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("due by 2027-06-30"));
    }
}
