using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace XinYu.AppHost;

/// <summary>What a local run adds around the model: a clean start on request, and telling the developer where to go.</summary>
internal static class LocalRun
{
    /// <summary>
    /// <c>--fresh</c>: the data folder goes before the servers read their passwords from it. Health is noticed as it
    /// comes (<see cref="PromptHealthChecks"/>).
    /// </summary>
    public static void Prepare(IDistributedApplicationBuilder builder)
    {
        var local = LocalRunOptions.From(builder.Configuration);
        if (builder.ExecutionContext.IsRunMode) PromptHealthChecks.Add(builder.Services);
        if (builder.ExecutionContext.IsRunMode && local.Fresh && Directory.Exists(local.DataDirectory))
        {
            Directory.Delete(local.DataDirectory, recursive: true);
        }
    }

    public static void Describe(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> identity,
        IResourceBuilder<ProjectResource> gateway, IReadOnlyCollection<IResourceBuilder<ProjectResource>> projects)
    {
        if (!builder.ExecutionContext.IsRunMode) return;
        var local = LocalRunOptions.From(builder.Configuration);

        // `./xinyu.sh bootstrap-admin` runs the identity service's one-off command with the running service's settings.
        builder.Eventing.Subscribe<ResourceReadyEvent>(identity.Resource, async (e, ct) =>
        {
#pragma warning disable CS0618 // its replacement (ExecutionConfigurationBuilder) is experimental; this is the resolved environment DCP gives the process
            var environment = await identity.Resource.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618
            var folder = Path.Combine(local.DataDirectory, "run", "env");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, identity.Resource.Name + ".env");
            await File.WriteAllTextAsync(file, "", ct);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds connection strings
            await File.WriteAllLinesAsync(file, environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"), ct);
        });

        WriteLogFiles(builder, local);

        // Running means every project is healthy, by its own /health (its database, cache and broker answer). The
        // gateway's readiness alone would not do: it reports a backend that is down as Degraded and stays ready.
        var waiting = projects.Count;
        foreach (var project in projects)
        {
            builder.Eventing.Subscribe<ResourceReadyEvent>(project.Resource, (e, _) =>
            {
                if (Interlocked.Decrement(ref waiting) != 0) return Task.CompletedTask;
                var url = gateway.Resource.GetEndpoint("http").Url;
                var seconds = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
                e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("XinYu").LogInformation(
                    "XinYu is running ({Seconds:0.0} s to all healthy).\n  Web app:   {Gateway}/\n  Gateway:   {Gateway}\n  API docs:  {Gateway}/docs\n  Dashboard: the sign-in link above (http://localhost:18888)",
                    seconds, url, url, url);
                return Task.CompletedTask;
            });
        }
    }

    /// <summary>
    /// Every resource's console output also goes to <c>logs/&lt;name&gt;.log</c> in the data folder: the dashboard shows
    /// it live, the files outlive the run (and the privacy test reads every line a service wrote).
    /// </summary>
    public static void WriteLogFiles(IDistributedApplicationBuilder builder, LocalRunOptions local)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((e, ct) =>
        {
            var logs = e.Services.GetRequiredService<ResourceLoggerService>();
            var folder = Path.Combine(local.DataDirectory, "logs");
            Directory.CreateDirectory(folder);
            foreach (var resource in e.Model.Resources.Where(r => r is ExecutableResource or ProjectResource))
            {
                _ = Task.Run(async () =>
                {
                    await using var file = new StreamWriter(Path.Combine(folder, resource.Name + ".log"), append: true) { AutoFlush = true };
                    await foreach (var batch in logs.WatchAsync(resource))
                    {
                        foreach (var line in batch) await file.WriteLineAsync(line.Content);
                    }
                });
            }
            return Task.CompletedTask;
        });
    }
}
