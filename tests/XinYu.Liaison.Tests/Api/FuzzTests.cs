using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.EndToEnd.Tests;

namespace XinYu.Liaison.Tests.Api;

/// <summary>
/// The suite's malformed-body corpus (as tests/XinYu.EndToEnd.Tests/BadInputTests.cs builds it from the OpenAPI schema),
/// sent to every liaison write by a caller the matrix allows, with ids that exist, so validation is what answers:
/// every body must be a 4xx problem, none may change anything.
/// </summary>
[Collection(LiaisonCollection.Name)]
public sealed class FuzzTests(LiaisonApp app)
{
    [Fact]
    public async Task Every_write_answers_malformed_bodies_with_4xx_problem_details_for_an_allowed_caller()
    {
        var roster = new Roster(app);
        var school = await roster.SchoolAsync();
        var @class = await roster.ClassAsync(school);
        var student = (await roster.EnrolAsync(school, @class, 1))[0];
        await roster.LearnedAsync(1);
        await app.PublishAsync(new RiskLevelChanged
        {
            BureauId = roster.Bureau, SchoolId = school, ClassId = @class, StudentId = student, From = "none", To = "high", FromRank = 0, ToRank = 2,
            Reasons = ["observation"], OccurredAt = app.Clock.GetUtcNow(),
        });
        await app.PublishAsync(new CrisisWarningRaised
        {
            BureauId = roster.Bureau, SchoolId = school, ClassId = @class, StudentId = student, WarningId = Guid.NewGuid(), Source = "observation", Tier = "class",
            OccurredAt = app.Clock.GetUtcNow(),
        });
        await app.WaitForAsync(async db => await db.SpecialVisits.AnyAsync(t => t.StudentId == student) && await db.GuardianNotifications.AnyAsync(n => n.StudentId == student),
            "the special visit and the notification");
        var specialVisitId = await app.QueryAsync(db => db.SpecialVisits.Where(t => t.StudentId == student).Select(t => t.Id).SingleAsync());
        var notificationId = await app.QueryAsync(db => db.GuardianNotifications.Where(n => n.StudentId == student).Select(n => n.Id).SingleAsync());
        var agency = "police-" + Guid.NewGuid().ToString("N")[..8];
        await app.As("bureau-admin", roster.Bureau).PostAsJsonAsync("/api/liaison/agencies", new { id = agency, name = "公安", kind = "police" }).OkAsync(System.Net.HttpStatusCode.Created);
        using var admin = app.As("school-admin", roster.Bureau, school, @class);
        var activityId = (await admin.PostAsJsonAsync($"/api/liaison/schools/{school}/parent-activities",
            new { kind = "parent-meeting", title = "家长会", heldOn = app.Today, mentalHealth = false, classIds = new[] { @class } }).OkAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var caseId = (await admin.PostAsJsonAsync("/api/liaison/joint-cases", new { studentId = student, summary = "s", sharedWith = new[] { agency } })
            .OkAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var ids = new Dictionary<string, Guid>
        {
            ["classId"] = @class, ["studentId"] = student, ["schoolId"] = school, ["specialVisitId"] = specialVisitId,
            ["notificationId"] = notificationId, ["activityId"] = activityId, ["caseId"] = caseId,
        };
        async Task<int> Changes() => await app.QueryAsync(async db => await db.Visits.CountAsync(v => v.StudentId == student)
            + await db.PlannedVisits.CountAsync(p => p.StudentId == student) + await db.ParentActivities.CountAsync(a => a.SchoolId == school)
            + await db.JointCases.CountAsync(c => c.SchoolId == school) + await db.Agencies.CountAsync(a => a.BureauId == roster.Bureau)
            + await db.JointMeetings.CountAsync(m => m.BureauId == roster.Bureau)
            + await db.GuardianNotifications.CountAsync(n => n.StudentId == student && n.InformedAt != null)
            + await db.SpecialVisits.CountAsync(t => t.StudentId == student && t.CompletedAt != null)
            + await db.JointCases.Where(c => c.SchoolId == school).SumAsync(c => c.SharedWith.Count)
            + await db.Set<XinYu.Liaison.Domain.ParentAttendance>().CountAsync(x => x.ActivityId == activityId));
        var before = await Changes();

        using var http = app.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (method is not ("post" or "put" or "patch") || operation!["requestBody"] is null) continue;
                var row = AccessMatrix.Endpoints.Single(e => e.ToString() == $"{method.ToUpperInvariant()} {path}");
                var role = row.Allowed.Contains("school-admin") ? "school-admin" : row.Allowed[0];
                using var caller = role == "bureau-admin" ? app.As(role, roster.Bureau) : app.As(role, roster.Bureau, school, @class);
                var concretePath = System.Text.RegularExpressions.Regex.Replace(path, "\\{([^}]+)\\}", m => ids[m.Groups[1].Value].ToString());
                foreach (var (name, body) in Corpus(document, operation!))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), concretePath)
                    {
                        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                    };
                    using var response = await caller.SendAsync(request);
                    sent++;
                    var status = (int)response.StatusCode;
                    var type = response.Content.Headers.ContentType?.MediaType;
                    if (status is < 400 or >= 500 || status == 404 || type != "application/problem+json")
                    {
                        var text = await response.Content.ReadAsStringAsync();
                        failures.Add($"{method.ToUpperInvariant()} {path} [{name}] as {role}: {status} {type} {(text.Length > 200 ? text[..200] : text)}");
                    }
                }
            }
        }
        Assert.True(sent > 100, $"Only {sent} requests sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent}:\n" + string.Join("\n", failures.Take(30)));
        Assert.Equal(before, await Changes());
    }

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
        yield return ("all plausible", Utf8(Plausibly(properties).ToJsonString()));
        foreach (var (property, type) in properties)
        {
            foreach (var (variant, value) in WrongValues(type))
            {
                var body = Plausibly(properties);
                body[property] = value;
                yield return ($"{property}: {variant}", Utf8(body.ToJsonString()));
            }
        }
    }

    private static JsonObject Plausibly(List<(string Name, string Type)> properties)
    {
        var body = new JsonObject();
        foreach (var (name, type) in properties) body[name] = Plausible(type);
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

    private static List<(string Name, string Type)> SchemaProperties(JsonNode document, JsonNode operation)
    {
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema?["$ref"]?.GetValue<string>() is { } reference) schema = document["components"]?["schemas"]?[reference.Split('/')[^1]];
        return schema?["properties"]?.AsObject().Select(p => (p.Key, TypeOf(p.Value))).ToList() ?? [];
    }

    private static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "string",
        _ => "string",
    };
}
