using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace XinYu.Testing.Suite;

/// <summary>
/// Malformed bodies for every POST, PUT and PATCH the services publish, generated from each endpoint's OpenAPI schema
/// (wrong types, missing and extra fields, huge values, invalid UTF-8, injection fragments, far dates), sent by the
/// caller given: every answer must be a 4xx with problem details, never a 5xx. New endpoints join automatically.
/// The end-to-end test runs the fixed corpus; the benchmark adds seeded random variants for a longer run.
/// </summary>
public static partial class BadInputRun
{
    public sealed record Outcome(int Sent, IReadOnlyList<string> Failures);

    public static async Task<Outcome> RunAsync(HttpClient http, IEnumerable<string> services, int randomVariantsPerEndpoint = 0, int seed = 1)
    {
        var failures = new List<string>();
        var sent = 0;
        var random = new Random(seed);
        foreach (var service in services)
        {
            var document = JsonNode.Parse(await http.GetStringAsync($"/openapi/{service}.json"))!;
            foreach (var (path, operations) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in operations!.AsObject())
                {
                    // Only operations that read a body (an action like "rotate the keys" takes none and ignores one).
                    if (method is not ("post" or "put" or "patch") || operation!["requestBody"] is null) continue;
                    var concretePath = RouteParameter().Replace(path, _ => Guid.NewGuid().ToString());
                    var corpus = Corpus(document, operation!).Concat(RandomVariants(document, operation!, random, randomVariantsPerEndpoint));
                    foreach (var (name, body) in corpus)
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
                        {
                            failures.Add($"{method.ToUpperInvariant()} {path} [{name}]: {status} {type} {Truncate(await response.Content.ReadAsStringAsync())}");
                        }
                    }
                }
            }
        }
        return new Outcome(sent, failures);
    }

    /// <summary>The fixed malformed bodies for one operation, named for the failure report.</summary>
    private static IEnumerable<(string Name, byte[] Body)> Corpus(JsonNode document, JsonNode operation)
    {
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
                var body = PlausibleBody(properties);
                body[property] = value;
                yield return ($"{property}: {variant}", Utf8(body.ToJsonString()));
            }
        }
    }

    /// <summary>
    /// Seeded random variants for the longer run: several fields wrong at once, a plausible body cut short, or a
    /// plausible body with bytes overwritten.
    /// </summary>
    private static IEnumerable<(string Name, byte[] Body)> RandomVariants(JsonNode document, JsonNode operation, Random random, int count)
    {
        var properties = SchemaProperties(document, operation);
        for (var i = 0; i < count; i++)
        {
            var body = PlausibleBody(properties);
            switch (random.Next(3))
            {
                case 0 when properties.Count > 0:
                    var wrong = new List<string>();
                    foreach (var (property, type) in properties.Where(_ => random.NextDouble() < 0.5).DefaultIfEmpty(properties[random.Next(properties.Count)]))
                    {
                        var values = WrongValues(type).ToList();
                        var (variant, value) = values[random.Next(values.Count)];
                        body[property] = value;
                        wrong.Add($"{property}: {variant}");
                    }
                    yield return ($"random #{i} ({string.Join(", ", wrong)})", Utf8(body.ToJsonString()));
                    break;
                case 1:
                    var text = Utf8(body.ToJsonString());
                    yield return ($"random #{i} (cut at {text.Length / 2})", text[..Math.Max(1, text.Length / 2)]);
                    break;
                default:
                    var bytes = Utf8(body.ToJsonString());
                    for (var k = 0; k < 3; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    yield return ($"random #{i} (bytes overwritten)", bytes);
                    break;
            }
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static JsonObject PlausibleBody(List<(string Name, string Type)> properties)
    {
        var body = new JsonObject();
        foreach (var (other, otherType) in properties) body[other] = Plausible(otherType);
        return body;
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

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteParameter();
}
