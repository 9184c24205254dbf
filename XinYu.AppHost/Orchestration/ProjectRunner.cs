using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Orchestration;

/// <summary>Runs a built project of the suite with Aspire's environment contract, healthy once /health says so.</summary>
internal sealed class ProjectRunner(ProjectResource project, RunContext context) : IResourceRunner
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private SupervisedProcess? _process;

    public IResource Resource => project;
    public string Endpoint => $"http://localhost:{project.Port}";

    public static string AssemblyPathOf(ProjectResource project)
    {
        var projectFile = Path.Combine(AppHostOptions.RepositoryRoot, project.ProjectPath);
        var name = Path.GetFileNameWithoutExtension(projectFile);
        return Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", AppHostOptions.BuildConfiguration,
            AppHostOptions.TargetFramework, name + ".dll");
    }

    public async Task StartAsync(CancellationToken ct)
    {
        var assembly = AssemblyPathOf(project);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{project.Name}: {assembly} is not built. Run `dotnet build XinYu.sln` first.");
        }

        var environment = ResourceExpressions.ProjectEnvironment(project)
            .ToDictionary(kv => kv.Key, kv => context.Resolve(kv.Value));
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{project.Port}";
        environment["ASPNETCORE_ENVIRONMENT"] = context.Options.EnvironmentName;
        environment["DOTNET_ENVIRONMENT"] = context.Options.EnvironmentName;
        environment["OTEL_SERVICE_NAME"] = project.Name;
        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        WriteEnvironmentFile(environment);
        _process = context.Supervisor.Start(new ProcessSpec(project.Name, "dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly),
            Environment = environment,
            LogFile = context.LogFileFor(project),
        });

        var health = new Uri($"http://127.0.0.1:{project.Port}/health");
        await Readiness.WaitAsync(project.Name, _process, async token =>
        {
            using var response = await Http.GetAsync(health, token);
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(120), ct);
    }

    /// <summary>
    /// The project's variables for this run, in run/env/{name}.env (mode 600: it holds connection strings), so a
    /// one-off command can run with what the service has (`./xinyu.sh bootstrap-admin` does).
    /// </summary>
    private void WriteEnvironmentFile(IReadOnlyDictionary<string, string> environment)
    {
        var directory = Path.Combine(context.Options.DataDirectory, "run", "env");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, project.Name + ".env");
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllLines(file, environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
    }

    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(10)) ?? Task.CompletedTask;
}
