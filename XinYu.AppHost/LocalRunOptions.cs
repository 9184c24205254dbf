using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace XinYu.AppHost;

/// <summary>
/// XinYu's own command-line options for a local run (see <see cref="Usage"/>). They are taken out of the arguments
/// before Aspire sees the rest, and kept in the AppHost's configuration under <c>XinYu:</c>, where the model reads them.
/// </summary>
public sealed record LocalRunOptions
{
    /// <summary>The gateway's documented local port.</summary>
    public const int DefaultGatewayPort = 5080;

    public static string RepositoryRoot { get; } = ReadMetadata("RepositoryRoot");
    /// <summary>The suite's version (Directory.Build.props): the tag of every container image the SDK builds.</summary>
    public static string SuiteVersion { get; } = ReadMetadata("Version");

    /// <summary>Where the servers keep their data and passwords between runs (git-ignored).</summary>
    public string DataDirectory { get; init; } = Path.Combine(RepositoryRoot, ".xinyu");
    /// <summary>Delete the data folder first.</summary>
    public bool Fresh { get; init; }
    /// <summary>0 picks a free one.</summary>
    public int GatewayPort { get; init; } = DefaultGatewayPort;
    /// <summary>Only PostgreSQL, Redis and RabbitMQ (to run a service from an IDE against them).</summary>
    public bool InfrastructureOnly { get; init; }
    /// <summary>Trade durability for speed (fsync off): for test runs only.</summary>
    public bool Ephemeral { get; init; }
    /// <summary>What the services run as; <c>Development</c> locally.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public string DataFolderOf(string server) => Path.Combine(DataDirectory, "data", server);

    /// <summary>Splits XinYu's options from Aspire's arguments; the options go to configuration.</summary>
    public static (string[] AspireArgs, Dictionary<string, string?> Settings) Split(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--data-dir": settings["XinYu:DataDirectory"] = Path.GetFullPath(Next()); break;
                case "--fresh": settings["XinYu:Fresh"] = "true"; break;
                case "--gateway-port":
                    var port = Next();
                    if (!int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed is < 0 or > 65535)
                    {
                        throw new ArgumentException($"--gateway-port must be a port number, not '{port}'.");
                    }
                    settings["XinYu:GatewayPort"] = port;
                    break;
                case "--infrastructure-only": settings["XinYu:InfrastructureOnly"] = "true"; break;
                case "--ephemeral": settings["XinYu:Ephemeral"] = "true"; break;
                case "--environment": settings["XinYu:EnvironmentName"] = Next(); break;
                case "--help" or "-h": throw new HelpRequestedException();
                default: rest.Add(args[i]); break;
            }
        }
        return ([.. rest], settings);
    }

    public static LocalRunOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("XinYu");
        var defaults = new LocalRunOptions();
        return new LocalRunOptions
        {
            DataDirectory = section["DataDirectory"] ?? defaults.DataDirectory,
            Fresh = section.GetValue("Fresh", false),
            GatewayPort = section.GetValue("GatewayPort", DefaultGatewayPort),
            InfrastructureOnly = section.GetValue("InfrastructureOnly", false),
            Ephemeral = section.GetValue("Ephemeral", false),
            EnvironmentName = section["EnvironmentName"] ?? defaults.EnvironmentName,
        };
    }

    public const string Usage = """
        Usage: dotnet run --project XinYu.AppHost [-- options]

          (no options)                 run the whole suite locally with the Aspire dashboard; Ctrl+C stops everything
          --gateway-port N             the gateway's port (default 5080; 0 picks a free one)
          --data-dir PATH              where PostgreSQL, Redis and RabbitMQ keep data and passwords (default .xinyu/)
          --fresh                      delete the data folder first
          --infrastructure-only        start only PostgreSQL, Redis and RabbitMQ (their connection strings are in the dashboard)
          --publisher manifest --output-path aspire-manifest.json
                                       write the Aspire manifest (Aspire's own publisher)
          --publisher kubernetes --output-path deploy/k8s
                                       write the Kubernetes objects (kustomize base and overlays)
        """;

    private static string ReadMetadata(string key) =>
        typeof(LocalRunOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing from the AppHost build.");
}

public sealed class HelpRequestedException : Exception;
