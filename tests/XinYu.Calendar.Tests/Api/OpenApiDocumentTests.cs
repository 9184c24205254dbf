using System.Text.Json;
using XinYu.Testing.Api;

namespace XinYu.Calendar.Tests.Api;

/// <summary>The service's generated OpenAPI document says how to get a token and which operations need one.</summary>
public sealed class OpenApiDocumentTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    [Fact]
    public async Task The_document_declares_the_bearer_scheme_at_identitys_token_endpoint_and_every_non_public_operation_requires_it()
    {
        using var http = app.CreateClient();
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("xinyu");
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        var flows = scheme.GetProperty("flows");
        // Through the gateway: the issuer's public address, where partners and browsers reach Identity.
        Assert.Equal("http://localhost:5080/connect/token", flows.GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        Assert.Equal("http://localhost:5080/connect/authorize", flows.GetProperty("authorizationCode").GetProperty("authorizationUrl").GetString());

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();
        static bool RequiresToken(JsonElement operation) => operation.TryGetProperty("security", out var security)
            && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("xinyu", out _));

        // The calendar feed is public (its path carries its own credential); everything else needs the token.
        Assert.Equal(["GET /api/calendar/ics/{token}"], operations.Where(o => !RequiresToken(o.Operation)).Select(o => o.Name));
        Assert.True(operations.Count > 10, $"only {operations.Count} operations in the document");
    }

    /// <summary>The calendar's operations declare their problem responses (the suite-wide check is in the end-to-end tests).</summary>
    [Fact]
    public async Task Every_operation_lists_the_problem_responses_its_route_and_input_can_answer()
    {
        using var http = app.CreateClient();
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(OpenApiProblemResponses.Operations(document) > 10);
        var missing = OpenApiProblemResponses.Missing(document);
        Assert.True(missing.Count == 0, "Problem responses missing: " + string.Join(", ", missing));
    }
}
