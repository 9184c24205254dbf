namespace XinYu.AppHost.Publishing;

/// <summary>
/// How the resource model's names, ports and expressions read inside a Kubernetes namespace. Every resource is a
/// Service of the same name, so the service-discovery names of a local run are the cluster's DNS names too.
/// </summary>
public static class KubernetesConventions
{
    public const string Namespace = "xinyu";
    public const string PartOf = "xinyu";
    /// <summary>Projects listen here (HTTP_PORTS); the .NET images expect 8080 for a non-root process.</summary>
    public const int HttpPort = 8080;
    /// <summary>The non-root user of Microsoft's .NET images (APP_UID), also the images' ContainerUser.</summary>
    public const int AppUserId = 1654;
    /// <summary>OTLP over gRPC and over HTTP: the only way out for telemetry.</summary>
    public static readonly int[] OtlpPorts = [4317, 4318];
    /// <summary>
    /// Optional city settings (not secrets) every project reads after its own <c>-env</c> ConfigMap, so an operator sets
    /// OTEL_EXPORTER_OTLP_ENDPOINT and the like once, without editing what is published.
    /// </summary>
    public const string SettingsConfigMap = "xinyu-settings";

    public const string PublishCommand = "dotnet run --project XinYu.AppHost -- --publisher kubernetes --output-path deploy/k8s";

    /// <summary>Heads every published file: where it comes from, and that editing it by hand is lost at the next publish.</summary>
    public const string Header =
        "Published by XinYu.AppHost from the resource model (XinYu.AppHost/Program.cs). Do not edit: republish with\n" + PublishCommand;

    public static YamlMap Selector(string name) => new() { ["app.kubernetes.io/name"] = name };

    public static YamlMap Labels(IPublishedResource resource) => new()
    {
        ["app.kubernetes.io/name"] = resource.Name,
        ["app.kubernetes.io/component"] = resource is PublishedProject ? "service" : "server",
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    public static string ConfigMapName(IPublishedResource resource) => $"{resource.Name}-env";
    public static string SecretName(IPublishedResource resource) => $"{resource.Name}-secrets";

    /// <summary>The image the SDK builds for a project: ContainerRepository xinyu/&lt;name&gt;, tag the suite's Version.</summary>
    public static string ImageOf(PublishedProject project) => $"xinyu/{project.Name}:{LocalRunOptions.SuiteVersion}";

    /// <summary>Where a project or server listens inside the cluster.</summary>
    public static int PortOf(IPublishedResource resource) => resource switch
    {
        PublishedProject => HttpPort,
        PublishedDatabase db => db.Server.Port,
        PublishedServer server => server.Port,
        _ => throw new ArgumentException($"'{resource.Name}' does not listen."),
    };

    /// <summary>
    /// A variable goes to the Secret when its value carries a connection string or a password; everything else is
    /// configuration (ConfigMap). Decided from the expression, so a new reference is classified without a list to update.
    /// </summary>
    public static bool IsSecret(string expression, PublishedModel model) =>
        PublishedModel.ReferencedNames(expression).Any(name =>
            name.EndsWith("-uri-encoded", StringComparison.Ordinal)
            || model.Resources.FirstOrDefault(r => r.Name == name) is PublishedParameter
            || expression.Contains($"{{{name}.connectionString}}", StringComparison.Ordinal));

    /// <summary>
    /// An expression in cluster terms: hosts are Service names, ports are the containers' ports, parameters come from
    /// <paramref name="secretOf"/> (the dev overlay's passwords; a city provides its own connection strings instead).
    /// </summary>
    public static string Resolve(string expression, PublishedModel model, Func<PublishedParameter, string> secretOf) =>
        PublishedModel.Substitute(expression, (name, path) =>
        {
            if (name.EndsWith("-uri-encoded", StringComparison.Ordinal) && path == "value")
            {
                return Uri.EscapeDataString(secretOf((PublishedParameter)model.Get(name[..^"-uri-encoded".Length])));
            }
            return (model.Get(name), path) switch
            {
                (PublishedParameter p, "value") => secretOf(p),
                (IPublishedConnection c, "connectionString") => Resolve(c.ConnectionStringExpression, model, secretOf),
                (PublishedServer or PublishedProject, "bindings.tcp.host" or "bindings.http.host") => name,
                (PublishedServer or PublishedProject, "bindings.tcp.port" or "bindings.http.port" or "bindings.http.targetPort") =>
                    PortOf(model.Get(name)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (PublishedProject p, "bindings.http.url") => $"http://{p.Name}:{HttpPort}",
                _ => throw new InvalidOperationException($"Cannot state '{{{name}.{path}}}' in Kubernetes terms."),
            };
        });

    /// <summary>A project's variables in cluster terms: configuration (plain values) and the names of its secret ones.</summary>
    public static (SortedDictionary<string, string> Config, IReadOnlyList<string> SecretKeys) EnvironmentOf(PublishedProject project, PublishedModel model)
    {
        var config = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secretKeys = new List<string>();
        foreach (var (key, expression) in project.Environment)
        {
            if (IsSecret(expression, model)) secretKeys.Add(key);
            else config[key] = Resolve(expression, model, p => throw new InvalidOperationException($"'{key}' needs secret '{p.Name}'."));
        }
        // Aspire sets the service name per resource; telemetry from replicas of one Deployment shares it.
        config["OTEL_SERVICE_NAME"] = project.Name;
        return (config, secretKeys);
    }

    /// <summary>
    /// The dev overlay's passwords. They are in git on purpose: the dev overlay is for a throwaway cluster whose servers
    /// no one outside the namespace can reach. A city never uses them; it provides its own connection strings.
    /// A key-encryption key must be 32 bytes of base64, which cannot carry the <c>dev-only</c> marker: those get the
    /// repository's development KEK (XinYu.ServiceDefaults' DevelopmentSecrets.KeyEncryptionKey, the same formula),
    /// which every service refuses outside Development, as it refuses the marked passwords.
    /// </summary>
    public static string DevPassword(PublishedParameter parameter) =>
        parameter.Name.EndsWith("-kek", StringComparison.Ordinal) ? DevelopmentKeyEncryptionKey : $"{parameter.Name}-dev-only";

    public static readonly string DevelopmentKeyEncryptionKey = Convert.ToBase64String(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("XinYu development-only key-encryption key")));
}
