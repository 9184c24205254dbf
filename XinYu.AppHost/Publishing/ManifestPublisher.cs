using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Publishing;

/// <summary>
/// Writes the model in .NET Aspire's manifest format (schema: aspire-8.0), so Aspire's deployment tools and our own
/// Kubernetes publisher read the same description. Backing servers publish as containers, projects as projects.
/// </summary>
public static class ManifestPublisher
{
    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the manifest; project paths are relative to the manifest's folder, as Aspire writes them.</summary>
    public static string Write(ResourceModel model, string outputPath)
    {
        var fullPath = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, Render(model, Path.GetDirectoryName(fullPath)!));
        return fullPath;
    }

    public static string Render(ResourceModel model, string manifestDirectory)
    {
        var resources = new JsonObject();
        foreach (var resource in model.Resources.Where(r => r is not ParameterResource))
        {
            resources[resource.Name] = Describe(resource, manifestDirectory);
        }
        foreach (var parameter in model.OfType<ParameterResource>())
        {
            resources[parameter.Name] = Parameter(parameter);
            if (model.Resources.Any(r => r is IResourceWithConnectionString c
                    && c.ConnectionStringExpression.Contains($"{{{parameter.Name}-uri-encoded.value}}", StringComparison.Ordinal)))
            {
                resources[$"{parameter.Name}-uri-encoded"] = new JsonObject
                {
                    ["type"] = "annotated.string",
                    ["value"] = $"{{{parameter.Name}.value}}",
                    ["filter"] = "uri",
                };
            }
        }
        var manifest = new JsonObject { ["$schema"] = SchemaUrl, ["resources"] = resources };
        return manifest.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Describe(IResource resource, string manifestDirectory) => resource switch
    {
        PostgresDatabaseResource db => new JsonObject
        {
            ["type"] = "value.v0",
            ["connectionString"] = db.ConnectionStringExpression,
        },
        IResourceWithConnectionString and IResourceWithEndpoint server and not ProjectResource =>
            Container(ServerContainers.Of((IResourceWithConnectionString)server)),
        ProjectResource project => Project(project, manifestDirectory),
        _ => throw new NotSupportedException($"No manifest form for {resource.GetType().Name}."),
    };

    private static JsonObject Container(ServerContainer server)
    {
        var container = new JsonObject
        {
            ["type"] = "container.v0",
            ["connectionString"] = server.Resource.ConnectionStringExpression,
            ["image"] = server.Image,
        };
        if (server.Entrypoint is not null) container["entrypoint"] = server.Entrypoint;
        if (server.Args is not null) container["args"] = new JsonArray(server.Args.Select(a => (JsonNode)a!).ToArray());
        container["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = server.VolumeName,
            ["target"] = server.DataPath,
            ["readOnly"] = false,
        });
        container["env"] = ToJson(server.Environment);
        container["bindings"] = new JsonObject
        {
            ["tcp"] = new JsonObject { ["scheme"] = "tcp", ["protocol"] = "tcp", ["transport"] = "tcp", ["targetPort"] = server.Port },
        };
        return container;
    }

    private static JsonObject Project(ProjectResource project, string manifestDirectory)
    {
        var path = Path.GetRelativePath(manifestDirectory, Path.Combine(AppHostOptions.RepositoryRoot, project.ProjectPath)).Replace('\\', '/');
        var http = new JsonObject { ["scheme"] = "http", ["protocol"] = "tcp", ["transport"] = "http" };
        if (project.IsExternal) http["external"] = true;
        return new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = path,
            ["env"] = ToJson(ResourceExpressions.ProjectEnvironment(project)),
            ["bindings"] = new JsonObject { ["http"] = http },
        };
    }

    private static JsonObject Parameter(ParameterResource parameter) => new()
    {
        ["type"] = "parameter.v0",
        ["value"] = $"{{{parameter.Name}.inputs.value}}",
        ["inputs"] = new JsonObject
        {
            ["value"] = new JsonObject
            {
                ["type"] = "string",
                ["secret"] = true,
                ["default"] = new JsonObject
                {
                    ["generate"] = new JsonObject { ["minLength"] = parameter.MinLength, ["special"] = false },
                },
            },
        },
    };

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values) json[key] = value;
        return json;
    }
}
