using System.Text.Json;
using XinYu.Testing.Api;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// Every service's public document (through the gateway) says how each operation can fail, not only how it succeeds:
/// 400/401/403/404 as problem details wherever its route, input and security let it answer them.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class OpenApiProblemResponsesTests(SuiteFixture suite)
{
    [Fact]
    public async Task Every_documented_operation_of_every_service_lists_its_problem_responses()
    {
        using var http = suite.CreateClient();
        var missing = new List<string>();
        foreach (var service in SuiteFixture.Services)
        {
            var document = JsonDocument.Parse(await http.GetStringAsync($"/openapi/{service}.json")).RootElement;
            Assert.True(OpenApiProblemResponses.Operations(document) > 0, $"{service}: no operations in its document");
            missing.AddRange(OpenApiProblemResponses.Missing(document).Select(m => $"{service}: {m}"));
        }
        Assert.True(missing.Count == 0, "Problem responses missing:\n" + string.Join("\n", missing));
    }
}
