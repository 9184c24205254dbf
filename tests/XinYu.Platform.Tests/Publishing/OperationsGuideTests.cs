using System.Text.RegularExpressions;
using XinYu.AppHost.Publishing;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Publishing;

/// <summary>docs/operations.md tells an operator what to provide; it must name what the published objects read.</summary>
public sealed partial class OperationsGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));

    [Fact]
    public async Task The_guide_names_every_Secret_and_key_the_city_overlay_reads()
    {
        var city = await KubernetesTools.DefaultRenderAsync("overlays/city");
        var read = city.OfKind("Deployment")
            // Every container of the pod: the migration step's init container reads the owner login.
            .SelectMany(d => new[] { "initContainers", "containers" }.SelectMany(c => d["spec"]!["template"]!["spec"]![c]?.AsArray() ?? []))
            .SelectMany(c => c!["env"]?.AsArray() ?? [])
            .Select(e => e!["valueFrom"]?["secretKeyRef"])
            .OfType<System.Text.Json.Nodes.JsonObject>()
            .GroupBy(r => (string)r["name"]!, r => (string)r["key"]!)
            .ToDictionary(g => g.Key, g => g.Distinct().Order(StringComparer.Ordinal).ToList());

        // The guide's table: | `records-api-secrets` | `ConnectionStrings__recordsdb`, ... |
        var documented = SecretRow().Matches(Guide).ToDictionary(
            m => m.Groups["secret"].Value,
            m => Regex.Matches(m.Groups["keys"].Value, "`([^`]+)`").Select(k => k.Groups[1].Value).Order(StringComparer.Ordinal).ToList());

        Assert.Equal(read.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (secret, keys) in read) Assert.Equal(keys, documented[secret]);
    }

    [Fact]
    public void The_guide_gives_the_deploy_command_and_the_settings_ConfigMap_the_projects_read()
    {
        Assert.Contains("kubectl apply -k deploy/k8s/overlays/city", Guide, StringComparison.Ordinal);
        Assert.Contains($"create configmap {KubernetesConventions.SettingsConfigMap}", Guide, StringComparison.Ordinal);
        Assert.Contains(KubernetesConventions.PublishCommand, Guide, StringComparison.Ordinal);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", Guide, StringComparison.Ordinal);
        foreach (var project in KubernetesTools.Model().OfType<PublishedProject>())
        {
            Assert.Contains($"`{project.Name}-secrets`", Guide, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\| `(?<secret>[a-z0-9-]+-secrets)` \| (?<keys>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex SecretRow();
}
