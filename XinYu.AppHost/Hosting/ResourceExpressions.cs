using System.Text.RegularExpressions;

namespace XinYu.AppHost.Hosting;

/// <summary>
/// Aspire's manifest expressions (<c>{postgres.bindings.tcp.port}</c>, <c>{recordsdb.connectionString}</c>, ...).
/// The model states every connection string and variable once, as an expression; the manifest publishes the
/// expression and a local run resolves it. So the two can never disagree.
/// </summary>
public static partial class ResourceExpressions
{
    /// <summary>The variables a project receives, as expressions (Aspire's environment contract).</summary>
    public static SortedDictionary<string, string> ProjectEnvironment(ProjectResource project)
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["HTTP_PORTS"] = $"{{{project.Name}.bindings.http.targetPort}}",
        };
        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnection:
                    env[$"ConnectionStrings__{reference.Name}"] = $"{{{reference.Name}.connectionString}}";
                    break;
                case ProjectResource other:
                    env[$"services__{other.Name}__http__0"] = $"{{{other.Name}.bindings.http.url}}";
                    break;
            }
        }
        foreach (var (name, value) in project.Environment)
        {
            env[name] = value;
        }
        return env;
    }

    /// <summary>Resolves every <c>{resource.path}</c> in <paramref name="expression"/> for a local run.</summary>
    public static string Resolve(string expression, ResourceModel model, Func<ParameterResource, string> secretOf) =>
        Substitute(expression, (name, path) =>
        {
            if (name.EndsWith("-uri-encoded", StringComparison.Ordinal) && path == "value")
            {
                var parameter = (ParameterResource)model.Get(name[..^"-uri-encoded".Length]);
                return Uri.EscapeDataString(secretOf(parameter));
            }
            var resource = model.Get(name);
            return (resource, path) switch
            {
                (ParameterResource p, "value") => secretOf(p),
                (IResourceWithConnectionString c, "connectionString") => Resolve(c.ConnectionStringExpression, model, secretOf),
                (IResourceWithEndpoint, "bindings.tcp.host") => "127.0.0.1",
                (IResourceWithEndpoint e, "bindings.tcp.port" or "bindings.http.targetPort" or "bindings.http.port") =>
                    e.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // The public entry is reached as localhost, the name people type (and tokens' issuer carries).
                (ProjectResource { IsExternal: true } e, "bindings.http.url") => $"http://localhost:{e.Port}",
                (IResourceWithEndpoint e, "bindings.http.url") => $"http://127.0.0.1:{e.Port}",
                _ => throw new InvalidOperationException($"Cannot resolve '{{{name}.{path}}}'."),
            };
        });

    /// <summary>
    /// Replaces every <c>{resource.path}</c> with what <paramref name="replace"/> gives for (name, path): how a
    /// publisher other than the manifest (Kubernetes) states the same expression in its own terms.
    /// </summary>
    public static string Substitute(string expression, Func<string, string, string> replace) =>
        Token().Replace(expression, match => replace(match.Groups["name"].Value, match.Groups["path"].Value));

    /// <summary>The resources an expression mentions (for the manifest's consistency tests).</summary>
    public static IEnumerable<string> ReferencedNames(string expression) =>
        Token().Matches(expression).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\{(?<name>[a-z0-9-]+)\.(?<path>[a-zA-Z.]+)\}")]
    private static partial Regex Token();
}
