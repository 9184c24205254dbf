using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace XinYu.AppHost.Publishing;

/// <summary>A resource as the Kubernetes publisher sees it. The name is its service-discovery and DNS name.</summary>
public interface IPublishedResource
{
    string Name { get; }
}

/// <summary>A resource others reach through <c>ConnectionStrings__{Name}</c>.</summary>
public interface IPublishedConnection : IPublishedResource
{
    /// <summary>As Aspire's manifest states it, e.g. <c>{postgres.connectionString};Database=recordsdb</c>.</summary>
    string ConnectionStringExpression { get; }
}

/// <summary>A password or other value the deployment supplies (Aspire's <c>parameter.v0</c>).</summary>
public sealed record PublishedParameter(string Name) : IPublishedResource;

/// <summary>A database on a published server (Aspire's <c>value.v0</c>).</summary>
public sealed record PublishedDatabase(string Name, PublishedServer Server, string ConnectionStringExpression) : IPublishedConnection;

/// <summary>Any other value Aspire's manifest states (<c>value.v0</c> without a server).</summary>
public sealed record PublishedValue(string Name, string ConnectionStringExpression) : IPublishedConnection;

public enum ServerKind { PostgreSql, Redis, RabbitMQ }

/// <summary>A backing server as Aspire's stock container resource publishes it: image, port, data folder, environment.</summary>
public sealed record PublishedServer(
    string Name,
    ServerKind Kind,
    string ConnectionStringExpression,
    string Image,
    int Port,
    string DataPath,
    string VolumeName,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string? Entrypoint,
    IReadOnlyList<string>? Args) : IPublishedConnection
{
    /// <summary>The official images' own non-root user and group (999), so a pod need not run as root.</summary>
    public int UserId => 999;

    /// <summary>The port the same server is usually offered on with TLS by a city's managed service.</summary>
    public int? TlsPort => Kind switch { ServerKind.Redis => 6380, ServerKind.RabbitMQ => 5671, _ => null };

    /// <summary>
    /// The ports a managed server of this kind answers on: the plain one and, where the protocol uses another, its TLS
    /// port (Redis 6380, AMQPS 5671; PostgreSQL negotiates TLS on 5432). A city's network policies open exactly these.
    /// </summary>
    public IReadOnlyList<int> ManagedPorts => TlsPort is int tls ? [Port, tls] : [Port];
}

/// <summary>One of the suite's projects: its variables as manifest expressions, and its city scale from the model.</summary>
/// <param name="ProjectPath">The .csproj, relative to the manifest (the repository's root).</param>
public sealed record PublishedProject(
    string Name,
    string ProjectPath,
    SortedDictionary<string, string> Environment,
    bool IsExternal,
    int Replicas,
    int? MaxReplicas,
    bool StickySessions = false) : IPublishedResource;

/// <summary>
/// What the Kubernetes publisher publishes: Aspire's own manifest of the model (so the expressions, images and
/// variables are exactly Aspire's), plus what the manifest cannot say and the model does (each project's city scale).
/// </summary>
public sealed partial record PublishedModel(IReadOnlyList<IPublishedResource> Resources)
{
    public IEnumerable<T> OfType<T>() => Resources.OfType<T>();

    public IPublishedResource Get(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    /// <summary>Reads Aspire's manifest; <paramref name="scaleOf"/> gives a project's city scale from the model.</summary>
    public static PublishedModel From(JsonNode manifest, Func<string, CityScaleAnnotation> scaleOf)
    {
        var entries = manifest["resources"]!.AsObject().ToList();
        var resources = new List<IPublishedResource>();
        foreach (var (name, node) in entries)
        {
            switch ((string?)node!["type"])
            {
                case "parameter.v0":
                    resources.Add(new PublishedParameter(name));
                    break;
                case "container.v0" or "container.v1":
                    resources.Add(ServerOf(name, node));
                    break;
            }
        }
        foreach (var (name, node) in entries.Where(e => (string?)e.Value!["type"] == "value.v0"))
        {
            var expression = (string)node!["connectionString"]!;
            // A database names its server; other values are Aspire's own (a TLS switch that is empty when TLS is off).
            var server = ReferencedNames(expression).Select(n => resources.FirstOrDefault(r => r.Name == n)).OfType<PublishedServer>().SingleOrDefault();
            resources.Add(server is null ? new PublishedValue(name, expression) : new PublishedDatabase(name, server, expression));
        }
        foreach (var (name, node) in entries.Where(e => (string?)e.Value!["type"] == "project.v0"))
        {
            var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in node!["env"]?.AsObject() ?? [])
            {
                environment[key] = (string)value!;
            }
            var scale = scaleOf(name);
            var isExternal = node["bindings"]?.AsObject().Any(b => (bool?)b.Value!["external"] == true) == true;
            resources.Add(new PublishedProject(name, (string)node["path"]!, environment, isExternal, scale.Replicas, scale.MaxReplicas, scale.StickySessions));
        }
        return new PublishedModel(resources);
    }

    /// <summary>
    /// The pods a project talks to: the resources its connection strings and service URLs name, databases meaning their
    /// server (the pod a policy lets it reach). In a stable order.
    /// </summary>
    public IReadOnlyList<IPublishedResource> PeersOf(PublishedProject project) =>
        ReferencesOf(project).Select(r => r is PublishedDatabase db ? db.Server : r).Distinct().ToList();

    /// <summary>What a project references (Aspire's <c>WithReference</c>): databases, servers and other projects.</summary>
    public IReadOnlyList<IPublishedResource> ReferencesOf(PublishedProject project) =>
        project.Environment
            .Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || e.Key.StartsWith("services__", StringComparison.Ordinal))
            .SelectMany(e => ReferencedNames(e.Value))
            .Select(Get)
            .Where(r => r is PublishedServer or PublishedDatabase || (r is PublishedProject && r.Name != project.Name))
            .Distinct()
            .ToList();

    private static PublishedServer ServerOf(string name, JsonNode node)
    {
        var image = (string)node["image"]!;
        var kind = image.Contains("postgres", StringComparison.Ordinal) ? ServerKind.PostgreSql
            : image.Contains("redis", StringComparison.Ordinal) ? ServerKind.Redis
            : image.Contains("rabbitmq", StringComparison.Ordinal) ? ServerKind.RabbitMQ
            : throw new NotSupportedException($"'{name}' runs {image}, which the Kubernetes publisher does not know.");
        var volume = node["volumes"]?.AsArray().FirstOrDefault()
            ?? throw new InvalidOperationException($"'{name}' has no data volume: its data would not survive a restart.");
        var environment = (node["env"]?.AsObject() ?? []).Select(e => new KeyValuePair<string, string>(e.Key, (string)e.Value!)).ToList();
        var tcp = node["bindings"]!.AsObject().First(b => b.Value!["targetPort"] is not null).Value!;
        return new PublishedServer(name, kind, (string)node["connectionString"]!, image, (int)tcp["targetPort"]!,
            (string)volume["target"]!, (string)volume["name"]!, environment,
            (string?)node["entrypoint"], node["args"]?.AsArray().Select(a => (string)a!).ToList());
    }

    /// <summary>The resources a manifest expression (<c>{postgres.bindings.tcp.port}</c>, ...) mentions.</summary>
    public static IEnumerable<string> ReferencedNames(string expression) =>
        Token().Matches(expression).Select(m => m.Groups["name"].Value);

    /// <summary>Replaces every <c>{resource.path}</c> with what <paramref name="replace"/> gives for (name, path).</summary>
    public static string Substitute(string expression, Func<string, string, string> replace) =>
        Token().Replace(expression, match => replace(match.Groups["name"].Value, match.Groups["path"].Value));

    [GeneratedRegex(@"\{(?<name>[a-z0-9-]+)\.(?<path>[a-zA-Z.]+)\}")]
    private static partial Regex Token();
}
