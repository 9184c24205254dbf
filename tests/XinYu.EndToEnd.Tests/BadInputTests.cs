using System.Net.Http.Headers;
using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// Malformed bodies for every POST, PUT and PATCH the services publish (<see cref="BadInputRun"/>), sent by the bureau
/// admin: every answer must be a 4xx with problem details, never a 5xx. This is the bounded CI run; the benchmark's
/// `bad-input` scenario adds seeded random variants for a longer one.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class BadInputTests(SuiteFixture suite)
{
    [Fact]
    public async Task Every_write_endpoint_answers_malformed_bodies_with_4xx_problem_details()
    {
        var admin = await IdentityFlowTests.AdminTokensAsync(suite);
        using var http = suite.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);

        var outcome = await BadInputRun.RunAsync(http, SuiteFixture.Services);

        Assert.True(outcome.Sent > 0, "No write endpoint was found to test.");
        Assert.True(outcome.Failures.Count == 0,
            $"{outcome.Failures.Count} of {outcome.Sent} malformed requests were not refused with 4xx problem details:\n" + string.Join("\n", outcome.Failures.Take(30)));
    }
}
