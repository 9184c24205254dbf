using System.Text.Json.Nodes;
using XinYu.AppHost.Publishing;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>What `kubectl kustomize` rendered for one overlay, and what the schema validator said about it.</summary>
public sealed record RenderedOverlay(string Overlay, IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors)
{
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => (string?)o["metadata"]?["name"] == name)
        ?? throw new KeyNotFoundException($"No {kind}/{name} in the {Overlay} overlay.");

    /// <summary>A generated ConfigMap or Secret, found by the name before kustomize's hash suffix.</summary>
    public JsonObject Generated(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => ((string?)o["metadata"]?["name"])?.StartsWith(name + "-", StringComparison.Ordinal) == true
                                          && ((string)o["metadata"]!["name"]!).Length == name.Length + 11)
        ?? throw new KeyNotFoundException($"No generated {kind} {name}-<hash> in the {Overlay} overlay.");
}

/// <summary>
/// kubectl (with its built-in kustomize) and the kubernetes-models validator under tests/kubernetes-validator, which
/// is installed with `npm ci` into its git-ignored node_modules the first time (and again when its lock file changes).
/// </summary>
public static class KubernetesTools
{
    public static readonly string[] Overlays = ["base", "overlays/dev", "overlays/city"];

    private static readonly string ValidatorDirectory = Path.Combine(RepositoryPaths.Root, "tests", "kubernetes-validator");
    private static readonly Lazy<Task<string>> DefaultPublish = new(async () => PublishToTemp(await ModelAsync()));
    private static readonly Lazy<Task<PublishedModel>> SuiteModel = new(() => KubernetesPublisher.ReadModelAsync());
    private static readonly Dictionary<string, Lazy<Task<RenderedOverlay>>> DefaultRenders =
        Overlays.ToDictionary(o => o, o => new Lazy<Task<RenderedOverlay>>(async () => await RenderAsync(await DefaultPublish.Value, o)));

    /// <summary>The suite's own model, as the AppHost publishes it (read once per test run).</summary>
    public static Task<PublishedModel> ModelAsync() => SuiteModel.Value;

    /// <summary>The suite's model, read synchronously where a test class needs it in a static field.</summary>
    public static PublishedModel Model() => ModelAsync().GetAwaiter().GetResult();

    /// <summary>The suite's model, published to a temporary folder once per test run and rendered once per overlay.</summary>
    public static Task<RenderedOverlay> DefaultRenderAsync(string overlay) => DefaultRenders[overlay].Value;

    public static string PublishToTemp(PublishedModel model)
    {
        var directory = Directory.CreateTempSubdirectory("xinyu-k8s-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        };
        KubernetesPublisher.Write(model, directory);
        return directory;
    }

    /// <summary>Renders an overlay with `kubectl kustomize` and runs every object through the schema validator.</summary>
    public static async Task<RenderedOverlay> RenderAsync(string publishedRoot, string overlay)
    {
        var (code, yaml, stderr) = await ExternalTools.RunAsync("kubectl", ["kustomize", Path.Combine(publishedRoot, overlay)], null, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"kubectl kustomize {overlay} failed ({code}):\n{stderr}");
        var (objects, errors) = await ValidateAsync(yaml);
        return new RenderedOverlay(overlay, objects, errors);
    }

    /// <summary>Validates a YAML stream against the Kubernetes schema; returns the objects (as JSON) and the errors.</summary>
    public static async Task<(IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Errors)> ValidateAsync(string yaml)
    {
        await ExternalTools.EnsureNpmPackagesAsync(ValidatorDirectory);
        var (code, json, stderr) = await ExternalTools.RunAsync("node", [Path.Combine(ValidatorDirectory, "validate.mjs")], yaml, TimeSpan.FromSeconds(60));
        Assert.True(code is 0 or 1 && json.Length > 0, $"The validator did not run ({code}):\n{stderr}");
        var result = JsonNode.Parse(json)!;
        var objects = result["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();
        var errors = result["errors"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.True((code == 1) == (errors.Count > 0), $"The validator's exit code {code} disagrees with its {errors.Count} errors.");
        return (objects, errors);
    }

    /// <summary>The single container of a Deployment's or StatefulSet's pod template.</summary>
    public static JsonObject Container(JsonObject workload) => workload["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    /// <summary>The variables a workload's container gets: from its ConfigMaps (envFrom) and Secrets, decoded.</summary>
    public static Dictionary<string, string> EnvironmentOf(RenderedOverlay rendered, JsonObject workload) =>
        ContainerEnvironment(rendered, Container(workload));

    /// <summary>The variables one container gets (a Deployment's init container, say).</summary>
    public static Dictionary<string, string> ContainerEnvironment(RenderedOverlay rendered, JsonObject container)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            if (source!["configMapRef"] is JsonObject configMapRef)
            {
                var name = (string)configMapRef["name"]!;
                var configMap = rendered.OfKind("ConfigMap").SingleOrDefault(c => (string?)c["metadata"]!["name"] == name);
                if (configMap is null && configMapRef["optional"]?.GetValue<bool>() == true) continue;
                Assert.True(configMap is not null, $"{name} is not rendered");
                foreach (var (key, value) in configMap!["data"]!.AsObject()) env[key] = (string)value!;
            }
            else if (source["secretRef"] is JsonObject secretRef)
            {
                foreach (var (key, value) in SecretData(rendered, (string)secretRef["name"]!)) env[key] = value;
            }
        }
        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            var secretKeyRef = variable!["valueFrom"]?["secretKeyRef"];
            var name = (string)variable["name"]!;
            env[name] = secretKeyRef is null ? (string)variable["value"]! : SecretData(rendered, (string)secretKeyRef["name"]!)[(string)secretKeyRef["key"]!];
        }
        return env;
    }

    public static Dictionary<string, string> SecretData(RenderedOverlay rendered, string name)
    {
        var secret = rendered.OfKind("Secret").SingleOrDefault(s => (string?)s["metadata"]!["name"] == name)
            ?? throw new KeyNotFoundException($"Secret {name} is not in the {rendered.Overlay} overlay.");
        return secret["data"]!.AsObject().ToDictionary(p => p.Key, p => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)p.Value!)));
    }
}
