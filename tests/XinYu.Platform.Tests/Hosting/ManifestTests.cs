using System.Text.Json.Nodes;
using NJsonSchema;
using XinYu.AppHost;
using XinYu.AppHost.Publishing;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Hosting;

public sealed class ManifestTests
{
    private static readonly Lazy<string> Published = new(() =>
    {
        var (manifest, _) = KubernetesPublisher.PublishManifestAsync().GetAwaiter().GetResult();
        return manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    });

    /// <summary>What Aspire's own manifest publisher writes for the model today.</summary>
    private static string Fresh() => Published.Value;

    /// <summary>Aspire's manifest schema and a manifest Aspire wrote for another app, kept in the repository.</summary>
    private static string Reference(string file) => Path.Combine(RepositoryPaths.Root, "tests", "XinYu.Platform.Tests", "Hosting", "Reference", file);

    [Fact]
    public async Task Published_manifest_validates_against_Aspire_schema()
    {
        var schema = await JsonSchema.FromJsonAsync(LoadSchema());
        var errors = schema.Validate(Fresh());
        AssertValid(errors);
    }

    [Fact]
    public async Task The_schema_check_accepts_Aspire_own_example_manifest()
    {
        var schema = await JsonSchema.FromJsonAsync(LoadSchema());
        var errors = schema.Validate(File.ReadAllText(Reference("example-aspire-manifest.json")));
        AssertValid(errors);
    }

    [Fact]
    public void Committed_manifest_is_current()
    {
        var committed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "aspire-manifest.json")))!;
        Assert.True(JsonNode.DeepEquals(committed, JsonNode.Parse(Fresh())),
            "aspire-manifest.json is stale: run `dotnet run --project XinYu.AppHost -- --publisher manifest --output-path aspire-manifest.json`.");
    }

    [Fact]
    public void Every_expression_names_a_published_resource()
    {
        var resources = JsonNode.Parse(Fresh())!["resources"]!.AsObject();
        var names = resources.Select(r => r.Key).ToHashSet();
        var expressions = resources.SelectMany(r => Strings(r.Value!)).ToList();
        var missing = expressions.SelectMany(PublishedModel.ReferencedNames).Where(n => !names.Contains(n)).Distinct();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("records-api", "recordsdb")]
    [InlineData("screening-api", "screeningdb")]
    [InlineData("staffing-api", "staffingdb")]
    [InlineData("liaison-api", "liaisondb")]
    [InlineData("calendar-api", "calendardb")]
    [InlineData("identity-api", "identitydb")]
    public void Each_service_gets_only_its_own_database_the_cache_and_the_broker(string service, string database)
    {
        var env = JsonNode.Parse(Fresh())!["resources"]![service]!["env"]!.AsObject();
        var connections = env.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Select(e => e.Key[19..]).Order();
        // Its database twice: its own login, and the owner's for migrations (the Kubernetes publisher gives that one to
        // the migration step only).
        Assert.Equal(new[] { "cache", database, database + "-owner", "messaging" }.Order(StringComparer.Ordinal), connections.Order(StringComparer.Ordinal));
        Assert.Equal($"{{{database}.connectionString}}", (string)env[$"ConnectionStrings__{database}-owner"]!);
    }

    [Fact]
    public void Only_the_gateway_is_external_and_it_discovers_every_service()
    {
        var resources = JsonNode.Parse(Fresh())!["resources"]!.AsObject();
        var external = resources.Where(r => r.Value!["bindings"]?["http"]?["external"]?.GetValue<bool>() == true).Select(r => r.Key);
        Assert.Equal(["gateway"], external);
        var gatewayEnv = resources["gateway"]!["env"]!.AsObject();
        foreach (var service in new[] { "records-api", "screening-api", "staffing-api", "liaison-api", "calendar-api", "identity-api" })
        {
            Assert.Equal($"{{{service}.bindings.http.url}}", gatewayEnv[$"services__{service}__http__0"]!.GetValue<string>());
        }
    }

    /// <summary>
    /// Aspire's schema uses boolean schemas as property values ("build": false: the property must be absent), which
    /// NJsonSchema cannot read, and "const", which it ignores (so every resource matched several "oneOf" branches).
    /// Both are rewritten to their exact equivalents: false is {"not": {}}, true is {}, "const": x is "enum": [x].
    /// One thing is added: the schema (aspire-8.0) predates Aspire 13, whose own Redis resource publishes its binding
    /// with the scheme "redis"; the binding schemes allowed are the schema's four and that one.
    /// </summary>
    private static string LoadSchema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Reference("aspire-8.0.schema.json")))!;
        void Rewrite(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                if (obj["description"]?.GetValue<string>() == "The scheme used in URIs for this binding." && obj["enum"] is JsonArray schemes)
                {
                    schemes.Add("redis");
                }
                if (obj["const"] is JsonNode constant)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(constant.DeepClone());
                }
                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var name in properties.Select(p => p.Key).ToList())
                    {
                        if (properties[name] is JsonValue value && value.TryGetValue<bool>(out var allowed))
                        {
                            properties[name] = allowed ? new JsonObject() : new JsonObject { ["not"] = new JsonObject() };
                        }
                    }
                }
                foreach (var child in obj.Select(p => p.Value).ToList()) Rewrite(child);
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array.ToList()) Rewrite(child);
            }
        }
        Rewrite(schema);
        return schema.ToJsonString();
    }

    [Fact]
    public async Task The_schema_check_rejects_a_broken_manifest()
    {
        var schema = await JsonSchema.FromJsonAsync(LoadSchema());
        var broken = JsonNode.Parse(Fresh())!;
        broken["resources"]!["postgres"]!.AsObject().Remove("image"); // a container must name its image
        Assert.NotEmpty(schema.Validate(broken.ToJsonString()));
    }

    private static void AssertValid(ICollection<NJsonSchema.Validation.ValidationError> errors)
    {
        if (errors.Count > 0) Assert.Fail(string.Join("\n", errors.Select(Describe)));
    }

    private static string Describe(NJsonSchema.Validation.ValidationError error) => error switch
    {
        NJsonSchema.Validation.ChildSchemaValidationError child =>
            $"{error.Path}: {error.Kind} [{string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe))}]",
        _ => $"{error.Path} {error.Property}: {error.Kind}",
    };

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        JsonObject obj => obj.SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        JsonArray array => array.SelectMany(i => i is null ? [] : Strings(i)),
        _ => [],
    };
}
