using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace XinYu.Records.Tests.Api;

/// <summary>
/// The end-to-end bad-input corpus (tests/XinYu.EndToEnd.Tests/BadInputTests.cs), run here against Records alone as a
/// bureau admin: every malformed body to every write endpoint is a 4xx problem, never a 5xx or a 2xx.
/// </summary>
public sealed class BadInputTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    [Fact]
    public async Task Every_write_endpoint_answers_malformed_bodies_with_4xx_problem_details()
    {
        using var http = app.As("bureau-admin", Guid.NewGuid());
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (method is not ("post" or "put" or "patch") || operation!["requestBody"] is null) continue;
                var concretePath = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", Guid.NewGuid().ToString());
                foreach (var (name, body) in Corpus(document, operation!))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), concretePath)
                    {
                        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                    };
                    using var response = await http.SendAsync(request);
                    sent++;
                    var status = (int)response.StatusCode;
                    var type = response.Content.Headers.ContentType?.MediaType;
                    if (status is < 400 or >= 500 || type != "application/problem+json")
                        failures.Add($"{method.ToUpperInvariant()} {path} [{name}]: {status} {type} {Truncate(await response.Content.ReadAsStringAsync())}");
                }
            }
        }
        Assert.True(sent > 100, $"Only {sent} requests: the OpenAPI document lists too few write endpoints.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not refused with 4xx problem details:\n" + string.Join("\n", failures.Take(30)));
    }

    [Theory]
    [InlineData("counsellor")]
    [InlineData("school-admin")]
    [InlineData("head-teacher")]
    public async Task Malformed_bodies_with_real_ids_never_cause_a_5xx(string role)
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "模糊测试")).Single();
        using var http = app.As(role, school.Bureau, school.School, school.ClassA);
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var failures = new List<string>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (method is not ("post" or "put" or "patch") || operation!["requestBody"] is null) continue;
                var concretePath = path.Replace("{schoolId}", school.School.ToString()).Replace("{studentId}", student.Id.ToString())
                    .Replace("{classId}", school.ClassA.ToString());
                concretePath = System.Text.RegularExpressions.Regex.Replace(concretePath, "\\{[^}]+\\}", Guid.NewGuid().ToString());
                foreach (var (name, body) in Corpus(document, operation!))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), concretePath)
                    {
                        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                    };
                    using var response = await http.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var type = response.Content.Headers.ContentType?.MediaType;
                    if (status >= 500 || (status >= 400 && type != "application/problem+json"))
                        failures.Add($"{method.ToUpperInvariant()} {path} [{name}]: {status} {type} {Truncate(await response.Content.ReadAsStringAsync())}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(30)));
    }

    /// <summary>The malformed bodies for one operation, named for the failure report.</summary>
    private static IEnumerable<(string Name, byte[] Body)> Corpus(JsonNode document, JsonNode operation)
    {
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        yield return ("empty", []);
        yield return ("not JSON", Utf8("{\"a\":"));
        yield return ("invalid UTF-8", [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
        yield return ("null", Utf8("null"));
        yield return ("a number", Utf8("42"));
        yield return ("an array", Utf8("[1,2,3]"));
        yield return ("deep nesting", Utf8(new string('[', 5000) + new string(']', 5000)));

        var properties = SchemaProperties(document, operation);
        if (properties.Count == 0) yield break;
        yield return ("no fields", Utf8("{}"));
        yield return ("extra field only", Utf8("{\"unexpected\":\"x\"}"));
        foreach (var (property, type) in properties)
        {
            foreach (var (variant, value) in WrongValues(type))
            {
                var body = new JsonObject();
                foreach (var (other, otherType) in properties) body[other] = Plausible(otherType);
                body[property] = value;
                yield return ($"{property}: {variant}", Utf8(body.ToJsonString()));
            }
        }
    }

    private static IEnumerable<(string, JsonNode?)> WrongValues(string type)
    {
        yield return ("null", null);
        yield return ("huge string", JsonValue.Create(new string('x', 200_000)));
        yield return ("SQL fragment", JsonValue.Create("'; DROP TABLE students; --"));
        yield return ("script", JsonValue.Create("<script>alert(1)</script>"));
        yield return ("huge number", JsonValue.Create(1e308));
        yield return ("negative", JsonValue.Create(-2147483649L));
        yield return ("far-past date", JsonValue.Create("0001-01-01T00:00:00Z"));
        yield return ("far-future date", JsonValue.Create("9999-12-31T23:59:59Z"));
        yield return ("huge array", new JsonArray(Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create("x" + i)).ToArray()));
        yield return ("object", new JsonObject { ["nested"] = "x" });
        if (type == "array") yield return ("array of nulls", new JsonArray(null, null));
    }

    private static JsonNode? Plausible(string type) => type switch
    {
        "array" => new JsonArray(),
        "integer" or "number" => JsonValue.Create(1),
        "boolean" => JsonValue.Create(true),
        _ => JsonValue.Create("plausible"),
    };

    /// <summary>The request body's top-level properties and their JSON types, following a $ref into components.</summary>
    private static List<(string Name, string Type)> SchemaProperties(JsonNode document, JsonNode operation)
    {
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]?["schemas"]?[reference.Split('/')[^1]];
        }
        return schema?["properties"]?.AsObject()
            .Select(p => (p.Key, TypeOf(p.Value)))
            .ToList() ?? [];
    }

    private static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "string",
        _ => "string",
    };

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
