using System.Text.Json;

namespace XinYu.Testing.Api;

/// <summary>
/// What an OpenAPI document owes its readers about errors (issue #16, point 6): every operation lists the problem
/// responses (RFC 9457, <c>application/problem+json</c>) its shape lets it answer, derived from the document itself:
/// 401 and 403 unless the operation is public (no security requirement), 404 where the path takes a parameter, 400
/// where the operation reads a body or a query.
/// </summary>
public static class OpenApiProblemResponses
{
    public const string ProblemJson = "application/problem+json";

    /// <returns>One line per missing response, "POST /api/x/{id}: 404"; empty when the document keeps its promise.</returns>
    public static IReadOnlyList<string> Missing(JsonElement document)
    {
        var missing = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var pathParameters = path.Value.TryGetProperty("parameters", out var shared) ? shared.EnumerateArray().ToList() : [];
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                var op = operation.Value;
                var parameters = pathParameters.Concat(op.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : []).ToList();
                var takesId = parameters.Any(p => p.GetProperty("in").GetString() == "path");
                var readsInput = op.TryGetProperty("requestBody", out _) || parameters.Any(p => p.GetProperty("in").GetString() == "query");
                var secured = op.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                var owed = new List<string>();
                if (readsInput) owed.Add("400");
                if (secured) owed.AddRange(["401", "403"]);
                if (takesId) owed.Add("404");
                var responses = op.TryGetProperty("responses", out var r) ? r : default;
                foreach (var status in owed)
                {
                    if (responses.ValueKind != JsonValueKind.Object || !responses.TryGetProperty(status, out var response)
                        || !response.TryGetProperty("content", out var content) || !content.TryGetProperty(ProblemJson, out _))
                        missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: {status}");
                }
            }
        }
        return missing;
    }

    /// <summary>How many operations the document lists (so a test can tell an empty document from a kept promise).</summary>
    public static int Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().Sum(p => p.Value.EnumerateObject().Count(o => o.Name != "parameters"));
}
