using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static XinYu.AppHost.Publishing.KubernetesConventions;

namespace XinYu.AppHost.Publishing;

/// <summary>
/// Publishes the model as a kustomize tree, following aspirate's convention for Aspire manifests (a folder per resource
/// with its objects and a kustomization that generates <c>&lt;name&gt;-env</c> and <c>&lt;name&gt;-secrets</c>):
/// <list type="bullet">
/// <item><c>base/</c>: the namespace, default-deny network policies, and per project a Deployment, Service,
/// PodDisruptionBudget, NetworkPolicy and its ConfigMap (the gateway adds the Ingress). No Secret: who provides the
/// connection strings is what the overlays differ in.</item>
/// <item><c>overlays/dev/</c>: PostgreSQL, Redis and RabbitMQ as StatefulSets with volumes, and each project's Secret
/// pointing at them.</item>
/// <item><c>overlays/city/</c>: the city's managed servers, through the Secrets its operator creates; the model's
/// replicas, autoscalers, and egress to the servers' ports.</item>
/// </list>
/// </summary>
public static class KubernetesPublisher
{
    /// <summary>
    /// Takes <c>--publisher kubernetes --output-path P</c> out of the arguments, returning P (or null when the run is not
    /// a Kubernetes publish).
    /// </summary>
    public static string? TakeArguments(ref string[] args)
    {
        var publisher = Array.IndexOf(args, "--publisher");
        if (publisher < 0 || publisher + 1 >= args.Length || args[publisher + 1] != "kubernetes") return null;
        var rest = args.ToList();
        var outputAt = rest.IndexOf("--output-path");
        var output = outputAt >= 0 && outputAt + 1 < rest.Count ? rest[outputAt + 1] : Path.Combine(LocalRunOptions.RepositoryRoot, "deploy", "k8s");
        if (outputAt >= 0) rest.RemoveRange(outputAt, 2);
        rest.RemoveRange(rest.IndexOf("--publisher"), 2);
        args = [.. rest];
        return output;
    }

    /// <summary>
    /// The model as the Kubernetes publisher reads it: Aspire publishes its own manifest of the model (into a scratch
    /// file), so images, variables and expressions are exactly Aspire's; the model adds what the manifest cannot say.
    /// <paramref name="adjust"/> may add to the model first (tests do).
    /// </summary>
    public static async Task<PublishedModel> ReadModelAsync(Action<IDistributedApplicationBuilder>? adjust = null)
    {
        var (manifest, model) = await PublishManifestAsync(adjust);
        return PublishedModel.From(manifest, ScalesOf(model));
    }

    /// <summary>
    /// Aspire's manifest of the model, from Aspire's own publisher (what `--publisher manifest` writes), and the model.
    /// The scratch file sits at the repository's root, so the projects' paths in it read as in aspire-manifest.json.
    /// </summary>
    public static async Task<(JsonNode Manifest, DistributedApplicationModel Model)> PublishManifestAsync(Action<IDistributedApplicationBuilder>? adjust = null)
    {
        var scratch = Path.Combine(LocalRunOptions.RepositoryRoot, $".aspire-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", scratch]);
            // Aspire's own progress lines are noise here; the caller says what it wrote.
            builder.Services.AddLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning));
            Program.DefineResources(builder);
            adjust?.Invoke(builder);
            using var app = builder.Build();
            await app.RunAsync();
            return (JsonNode.Parse(await File.ReadAllTextAsync(scratch))!, app.Services.GetRequiredService<DistributedApplicationModel>());
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    /// <summary>Each project's city scale, from the model's annotations (<see cref="CityScaleExtensions.WithCityReplicas"/>).</summary>
    public static Func<string, CityScaleAnnotation> ScalesOf(DistributedApplicationModel model) =>
        name => model.Resources.First(r => r.Name == name).CityScale();

    /// <summary>Writes the tree under <paramref name="outputPath"/> and deletes files an earlier publish wrote that are
    /// no longer part of it (recognised by the header), so a resource removed from the model leaves nothing behind.</summary>
    public static string Write(PublishedModel model, string outputPath)
    {
        var root = Path.GetFullPath(outputPath);
        var files = Render(model);
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        if (Directory.Exists(root))
        {
            foreach (var stale in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
                         .Where(f => !files.ContainsKey(Path.GetRelativePath(root, f).Replace('\\', '/')))
                         .Where(f => File.ReadLines(f).FirstOrDefault()?.StartsWith("# Published by XinYu.AppHost", StringComparison.Ordinal) == true)
                         .ToList())
            {
                File.Delete(stale);
            }
            foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            }
        }
        return root;
    }

    /// <summary>Every file of the tree, by path relative to the output folder ('/'-separated), in a stable order.</summary>
    public static SortedDictionary<string, string> Render(PublishedModel model)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Put(string path, params IEnumerable<YamlMap> documents) => files[path] = Yaml.Documents(Header, documents);

        var projects = model.OfType<PublishedProject>().ToList();
        var servers = model.OfType<PublishedServer>().ToList();

        // base: what every deployment shares.
        Put("base/namespace.yaml", KubernetesObjects.Namespace());
        Put("base/network-policies.yaml", KubernetesNetworkPolicies.DefaultDeny(), KubernetesNetworkPolicies.AllowDns());
        foreach (var project in projects)
        {
            var (config, secretKeys) = EnvironmentOf(project, model);
            var folder = $"base/{project.Name}";
            var resources = new List<string> { "deployment.yaml", "service.yaml", "pod-disruption-budget.yaml", "network-policy.yaml" };
            Put($"{folder}/deployment.yaml", KubernetesObjects.Deployment(project, secretKeys));
            Put($"{folder}/service.yaml", KubernetesObjects.Service(project, "http"));
            Put($"{folder}/pod-disruption-budget.yaml", KubernetesObjects.PodDisruptionBudget(project));
            Put($"{folder}/network-policy.yaml", KubernetesNetworkPolicies.ForProject(project, model));
            if (project.IsExternal)
            {
                Put($"{folder}/ingress.yaml", KubernetesObjects.Ingress(project));
                resources.Add("ingress.yaml");
            }
            Put($"{folder}/kustomization.yaml", KubernetesObjects.Kustomization(resources,
                configMaps: [(ConfigMapName(project), Literals(config))]));
        }
        Put("base/kustomization.yaml", KubernetesObjects.Kustomization(
            ["namespace.yaml", "network-policies.yaml", .. projects.Select(p => p.Name)], @namespace: Namespace));

        // overlays/dev: the servers in the cluster, and connection strings to them.
        foreach (var server in servers)
        {
            var folder = $"overlays/dev/{server.Name}";
            var config = server.Environment.Where(e => !IsSecret(e.Value, model)).ToList();
            if (server.Kind == ServerKind.PostgreSql)
            {
                // A fresh volume holds lost+found, and initdb wants an empty folder: keep the cluster one level down.
                config.Add(new("PGDATA", $"{server.DataPath}/pgdata"));
            }
            var secret = server.Environment.Where(e => IsSecret(e.Value, model))
                .Select(e => new KeyValuePair<string, string>(e.Key, Resolve(e.Value, model, DevPassword)));
            Put($"{folder}/statefulset.yaml", KubernetesObjects.StatefulSet(server, hasConfig: config.Count > 0));
            Put($"{folder}/service.yaml", KubernetesObjects.Service(server, "tcp"));
            Put($"{folder}/network-policy.yaml", KubernetesNetworkPolicies.ForServer(server, model));
            Put($"{folder}/kustomization.yaml", KubernetesObjects.Kustomization(
                ["statefulset.yaml", "service.yaml", "network-policy.yaml"],
                configMaps: config.Count > 0 ? [(ConfigMapName(server), Literals(config))] : null,
                secrets: [(SecretName(server), Literals(secret))]));
        }
        // The dev overlay's secrets are the repository's, which the services accept only in Development: it runs so.
        Put("overlays/dev/kustomization.yaml", KubernetesObjects.Kustomization(
            ["../../base", .. servers.Select(s => s.Name)], @namespace: Namespace,
            configMaps: [(SettingsConfigMap, ["ASPNETCORE_ENVIRONMENT=Development"])],
            secrets: projects.Select(p => (SecretName(p), Literals(DevSecrets(p, model))))));

        // overlays/city: the city's servers (its operator creates each <project>-secrets), the model's replicas.
        var scaled = projects.Where(p => p.MaxReplicas is not null).ToList();
        Put("overlays/city/replicas.yaml", projects.Select(Replicas));
        var cityResources = new List<string> { "../../base", "managed-servers-network-policies.yaml" };
        if (scaled.Count > 0)
        {
            Put("overlays/city/horizontal-pod-autoscalers.yaml", scaled.Select(KubernetesObjects.HorizontalPodAutoscaler));
            cityResources.Add("horizontal-pod-autoscalers.yaml");
        }
        Put("overlays/city/managed-servers-network-policies.yaml", projects.Select(p => KubernetesNetworkPolicies.ToManagedServers(p, model)));
        Put("overlays/city/kustomization.yaml", KubernetesObjects.Kustomization(cityResources, @namespace: Namespace,
            patches: ["replicas.yaml"]));
        return files;
    }

    /// <summary>
    /// The model's replicas, as a patch. An autoscaled Deployment gets none (null deletes the field): with a replica
    /// count in the applied object, every `kubectl apply` would reset what the autoscaler chose.
    /// </summary>
    private static YamlMap Replicas(PublishedProject project) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new YamlMap { ["name"] = project.Name },
        ["spec"] = new YamlMap { ["replicas"] = project.MaxReplicas is null ? project.Replicas : NullScalar.Value },
    };

    private static IEnumerable<KeyValuePair<string, string>> DevSecrets(PublishedProject project, PublishedModel model) =>
        project.Environment
            .Where(e => IsSecret(e.Value, model))
            .Select(e => new KeyValuePair<string, string>(e.Key, Resolve(e.Value, model, DevPassword)));

    private static IEnumerable<string> Literals(IEnumerable<KeyValuePair<string, string>> values) =>
        values.Select(v => $"{v.Key}={v.Value}");
}
