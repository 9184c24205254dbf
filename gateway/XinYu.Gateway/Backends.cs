namespace XinYu.Gateway;

/// <summary>
/// The services behind the gateway, read from the service-discovery configuration the AppHost (or Kubernetes)
/// provides: every <c>services__{name}-api__http__0</c> is a backend published at <c>/api/{name}/</c>. Adding a
/// service to the resource model and referencing it from the gateway is all it takes to route it.
/// </summary>
public sealed record Backend(string ServiceName)
{
    /// <summary>"records" for "records-api": the path segment under /api.</summary>
    public string PathName => ServiceName.EndsWith("-api", StringComparison.Ordinal) ? ServiceName[..^4] : ServiceName;
    public string Address => $"http://{ServiceName}";

    public static IReadOnlyList<Backend> From(IConfiguration configuration) =>
        configuration.GetSection("services").GetChildren()
            .Select(s => new Backend(s.Key))
            .Where(b => b.ServiceName.EndsWith("-api", StringComparison.Ordinal))
            .OrderBy(b => b.ServiceName, StringComparer.Ordinal)
            .ToList();
}
