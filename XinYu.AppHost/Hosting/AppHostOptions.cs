using System.Reflection;

namespace XinYu.AppHost.Hosting;

/// <summary>How this AppHost run was asked to behave; parsed from the command line.</summary>
public sealed record AppHostOptions
{
    /// <summary>The gateway's documented local port.</summary>
    public const int DefaultGatewayPort = 5080;

    public static string RepositoryRoot { get; } = ReadMetadata("RepositoryRoot");
    public static string BuildConfiguration { get; } = ReadMetadata("Configuration");
    public static string TargetFramework { get; } = ReadMetadata("TargetFramework");
    /// <summary>The suite's version (Directory.Build.props): the tag of every container image the SDK builds.</summary>
    public static string SuiteVersion { get; } = ReadMetadata("Version");

    /// <summary><c>manifest</c> or <c>kubernetes</c>; null runs the suite.</summary>
    public string? Publisher { get; init; }
    public string? OutputPath { get; init; }
    /// <summary>Where servers keep their data between runs (git-ignored).</summary>
    public string DataDirectory { get; init; } = Path.Combine(RepositoryRoot, ".xinyu");
    /// <summary>Delete the data folder first.</summary>
    public bool Fresh { get; init; }
    public int GatewayPort { get; init; } = DefaultGatewayPort;
    /// <summary>Start only PostgreSQL, Redis and RabbitMQ (to run a service from an IDE against them).</summary>
    public bool InfrastructureOnly { get; init; }
    /// <summary>Trade durability for speed (fsync off): for test runs only.</summary>
    public bool Ephemeral { get; init; }
    /// <summary><c>Development</c> locally; services read it as ASPNETCORE_ENVIRONMENT.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AppHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--publisher" => options with { Publisher = Next() },
                "--output-path" => options with { OutputPath = Next() },
                "--data-dir" => options with { DataDirectory = Path.GetFullPath(Next()) },
                "--fresh" => options with { Fresh = true },
                "--gateway-port" => options with { GatewayPort = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--infrastructure-only" => options with { InfrastructureOnly = true },
                "--environment" => options with { EnvironmentName = Next() },
                "--help" or "-h" => throw new HelpRequestedException(),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Try --help."),
            };
        }
        return options;
    }

    public const string Usage = """
        Usage: dotnet run --project XinYu.AppHost [-- options]

          (no options)                 run the whole suite locally; Ctrl+C stops everything
          --gateway-port N             the gateway's port (default 5080; 0 picks a free one)
          --data-dir PATH              where PostgreSQL, Redis and RabbitMQ keep data (default .xinyu/)
          --fresh                      delete the data folder first
          --infrastructure-only        start only PostgreSQL, Redis and RabbitMQ and print their connection strings
          --publisher manifest --output-path aspire-manifest.json
                                       write the Aspire manifest
          --publisher kubernetes --output-path deploy/k8s
                                       write the Kubernetes objects (kustomize base and overlays)
        """;

    private static string ReadMetadata(string key) =>
        typeof(AppHostOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing from the AppHost build.");
}

public sealed class HelpRequestedException : Exception;
