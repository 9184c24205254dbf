using System.Net;
using System.Text.Json;

namespace XinYu.EndToEnd.Tests;

[Collection(SuiteCollection.Name)]
public sealed class SuiteHealthTests(SuiteFixture suite)
{
    [Fact]
    public async Task Every_backend_is_healthy_as_the_gateway_sees_it()
    {
        using var http = suite.CreateClient();
        using var health = await http.GetAsync("/health");
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        foreach (var service in SuiteFixture.Services)
        {
            Assert.Equal("Healthy", report.GetProperty("entries").GetProperty($"{service}-api").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Each_service_API_document_is_routed_by_service_discovery_and_listed_on_one_page()
    {
        using var http = suite.CreateClient();
        foreach (var service in SuiteFixture.Services)
        {
            var document = JsonDocument.Parse(await http.GetStringAsync($"/openapi/{service}.json")).RootElement;
            Assert.StartsWith($"XinYu.{char.ToUpperInvariant(service[0])}{service[1..]}", document.GetProperty("info").GetProperty("title").GetString());
            // No internal address leaks into the public documents.
            Assert.DoesNotContain("-api", document.TryGetProperty("servers", out var servers) ? servers.ToString() : "");
        }
        using var docs = await http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task An_API_call_without_a_token_is_refused_at_the_gateway_with_problem_details_and_the_correlation_id()
    {
        using var http = suite.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/records/anything");
        request.Headers.Add("X-Correlation-Id", "e2e-correlation-0001");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("e2e-correlation-0001", response.Headers.GetValues("X-Correlation-Id").Single());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("e2e-correlation-0001", problem.GetProperty("correlationId").GetString());
    }
}
