using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using XinYu.AppHost;
using XinYu.AppHost.Servers;
using XinYu.AppHost.Publishing;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>The published tree: current, renderable, valid Kubernetes, and following the model when the model changes.</summary>
public sealed class KubernetesPublisherTests
{
    [Fact]
    public async Task Committed_deploy_k8s_is_current()
    {
        var committedRoot = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");
        var fresh = KubernetesPublisher.Render(await KubernetesTools.ModelAsync());
        var committed = Directory.EnumerateFiles(committedRoot, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(committedRoot, f).Replace('\\', '/'), File.ReadAllText);

        var missing = fresh.Keys.Except(committed.Keys).ToList();
        var extra = committed.Keys.Except(fresh.Keys).ToList();
        var changed = fresh.Keys.Intersect(committed.Keys).Where(k => fresh[k] != committed[k]).ToList();
        Assert.True(missing.Count + extra.Count + changed.Count == 0,
            $"deploy/k8s is stale (missing: {string.Join(", ", missing)}; not published: {string.Join(", ", extra)}; " +
            $"changed: {string.Join(", ", changed)}). Run `{KubernetesConventions.PublishCommand}`.");
    }

    [Theory]
    [InlineData("base")]
    [InlineData("overlays/dev")]
    [InlineData("overlays/city")]
    public async Task Every_overlay_renders_and_every_object_validates_against_the_Kubernetes_schema(string overlay)
    {
        var rendered = await KubernetesTools.DefaultRenderAsync(overlay);
        Assert.True(rendered.Errors.Count == 0, string.Join("\n", rendered.Errors));
        Assert.NotEmpty(rendered.OfKind("Deployment"));
        // One namespace for everything, so the Services' names are the model's service-discovery names.
        Assert.All(rendered.Objects.Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal(KubernetesConventions.Namespace, (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public async Task The_validator_rejects_what_the_API_server_would_refuse()
    {
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: no-selector
            spec:
              replicas: "two"
              template:
                spec:
                  containers: []
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: not-base64
            data:
              password: "not base64!"
            ---
            apiVersion: v1
            kind: Sevice
            metadata:
              name: misspelt-kind
            """;
        var (objects, errors) = await KubernetesTools.ValidateAsync(broken);
        Assert.Equal(3, objects.Count);
        Assert.Contains(errors, e => e.StartsWith("Deployment/no-selector", StringComparison.Ordinal) && e.Contains("selector", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Deployment/no-selector", StringComparison.Ordinal) && e.Contains("replicas", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Secret/not-base64", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Sevice/misspelt-kind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strings_that_YAML_could_read_as_something_else_stay_strings()
    {
        string[] tricky = ["true", "on", "No", "null", "~", "8080", "1.0", "0x1F", "1e3", "", " padded ", "a: b", "a #b", "#c",
            "- item", "[x]", "{y}", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick", "it's", "say \"hi\"",
            "line\nbreak", "tab\there", "Host=postgres;Password=p@ss:w/rd", "http://records-api:8080", "ends with colon:",
            "中文", "xinyu/records-api:1.0.0"];
        var data = new YamlMap();
        for (var i = 0; i < tricky.Length; i++) data[$"k{i}"] = tricky[i];
        var configMap = new YamlMap
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new YamlMap { ["name"] = "tricky" },
            ["data"] = data,
        };
        var (objects, errors) = await KubernetesTools.ValidateAsync(Yaml.Documents("round trip", configMap));
        Assert.Empty(errors);
        var roundTripped = objects.Single()["data"]!.AsObject();
        for (var i = 0; i < tricky.Length; i++)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.String, roundTripped[$"k{i}"]!.GetValueKind());
            Assert.Equal(tricky[i], (string)roundTripped[$"k{i}"]!);
        }
    }

    [Fact]
    public async Task A_resource_added_to_the_model_is_published_rendered_and_wired()
    {
        var model = await KubernetesPublisher.ReadModelAsync(builder =>
        {
            var reportsDb = builder.CreateResourceBuilder<IResourceWithConnectionString>("postgres").AddDatabase("reportsdb");
            var reports = builder.AddProject("reports-api", "../services/XinYu.Reports/XinYu.Reports.csproj", launchProfileName: null)
                .WithHttpEndpoint(name: "http")
                .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery)
                .WithReference(reportsDb).WithReference(builder.CreateResourceBuilder<IResourceWithConnectionString>("cache"))
                .WithReference(builder.CreateResourceBuilder<ProjectResource>("identity-api"))
                .WithCityReplicas(3);
            builder.CreateResourceBuilder<ProjectResource>("gateway").WithReference(reports);
        });
        var root = KubernetesTools.PublishToTemp(model);

        Assert.True(File.Exists(Path.Combine(root, "base", "reports-api", "deployment.yaml")));
        var dev = await KubernetesTools.RenderAsync(root, "overlays/dev");
        var city = await KubernetesTools.RenderAsync(root, "overlays/city");
        Assert.Empty(dev.Errors);
        Assert.Empty(city.Errors);

        // The city runs the replicas the model asks for; the dev overlay gives it a database on its PostgreSQL.
        Assert.Equal(3, city.Get("Deployment", "reports-api")["spec"]!["replicas"]!.GetValue<int>());
        var env = KubernetesTools.EnvironmentOf(dev, dev.Get("Deployment", "reports-api"));
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(env["ConnectionStrings__reportsdb"]);
        Assert.Equal(("postgres", "reportsdb"), (connection.Host, connection.Database));
        Assert.Equal("reports-api", env["OTEL_SERVICE_NAME"]);
        Assert.False(env.ContainsKey("ConnectionStrings__messaging")); // it did not reference the broker

        // The network follows: the gateway and nothing else reaches it; it reaches its server, not the broker.
        var network = new NetworkPolicyEvaluator(dev.Objects);
        var pods = NetworkPolicyEvaluator.Pods(dev.Objects).ToDictionary(p => p.Name);
        Assert.True(network.Allows(pods["gateway"], pods["reports-api"], 8080));
        Assert.False(network.Allows(pods["records-api"], pods["reports-api"], 8080));
        Assert.True(network.Allows(pods["reports-api"], pods["postgres"], 5432));
        Assert.False(network.Allows(pods["reports-api"], pods["messaging"], 5672));
    }

    [Fact]
    public async Task Republishing_a_smaller_model_removes_what_it_no_longer_has_and_keeps_other_files()
    {
        var root = KubernetesTools.PublishToTemp(await KubernetesPublisher.ReadModelAsync(builder =>
            builder.AddProject("reports-api", "../services/XinYu.Reports/XinYu.Reports.csproj", launchProfileName: null).WithHttpEndpoint(name: "http")));
        var notes = Path.Combine(root, "base", "reports-api", "NOTES.md"); // someone's own file beside published ones
        File.WriteAllText(notes, "mine");

        KubernetesPublisher.Write(await KubernetesTools.ModelAsync(), root);

        Assert.False(File.Exists(Path.Combine(root, "base", "reports-api", "deployment.yaml")));
        Assert.True(File.Exists(notes));
        var written = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(KubernetesPublisher.Render(await KubernetesTools.ModelAsync()).Keys, written);
    }
}
