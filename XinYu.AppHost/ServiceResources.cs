using Aspire.Hosting.ApplicationModel;

namespace XinYu.AppHost;

public static class ServiceResources
{
    /// <summary>
    /// One of the suite's .NET projects, with its HTTP endpoint (the projects have no launch profiles: Aspire gives them
    /// their address). <paramref name="publicPort"/> fixes the local port of the public entry (0: a free one).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name,
        LocalRunOptions local, int? publicPort = null) where TProject : IProjectMetadata, new()
    {
        var project = builder.AddProject<TProject>(name, launchProfileName: null);
        var port = builder.ExecutionContext.IsRunMode && publicPort is > 0 ? publicPort : null;
        project.WithHttpEndpoint(port: port, name: "http")
            // The services read ConnectionStrings__* and services__* only. Aspire would also give each reference's host,
            // port, user and password as variables of their own: every password twice more in every pod's environment.
            .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery)
            // Ready when its database, cache and broker answer: what WaitFor and the dashboard's health column show.
            .WithHttpHealthCheck("/health");
        if (builder.ExecutionContext.IsRunMode)
        {
            project.WithEnvironment("ASPNETCORE_ENVIRONMENT", local.EnvironmentName)
                // A service keeps exporting telemetry to a dashboard that has gone for its OTLP timeout (10 s by
                // default): a short one keeps Ctrl+C quick.
                .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
                // Seven .NET processes start at once on a developer's machine. Dynamic PGO instruments every method
                // before optimising it: it costs about a third of each service's start-up CPU (measured: 9 s → 6 s
                // each on two cores) for steady-state gains no local run needs. Workstation GC: one heap per process
                // instead of one per core, a smaller footprint for seven processes. Published images keep the
                // runtime's defaults.
                .WithEnvironment("DOTNET_TieredPGO", "0")
                .WithEnvironment("DOTNET_gcServer", "0");
        }
        return project;
    }
}
