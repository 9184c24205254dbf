using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace XinYu.AppHost;

/// <summary>
/// Local runs notice a resource's readiness when it happens. Aspire checks a resource that is not healthy yet at
/// growing intervals (1 s, 2 s, … then every 5 s), and everything that waits for it waits for that check: RabbitMQ was
/// seen ready up to 4 s after it was, and the services were started only then (measured: docs/operations.md). Here
/// each of the AppHost's health checks (the servers' and the projects' /health) asks again every quarter second within
/// one call, for up to <see cref="Patience"/>, and answers as soon as its resource is ready. The cost: a resource that
/// stops answering shows Unhealthy on the dashboard up to that long later.
/// </summary>
internal static class PromptHealthChecks
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    public static void Add(IServiceCollection services) =>
        // PostConfigure: it sees every registration, those Aspire adds for WithHttpHealthCheck among them.
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var inner = registration.Factory;
                registration.Factory = provider => new Prompt(inner(provider));
            }
        });

    private sealed class Prompt(IHealthCheck inner) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var result = await inner.CheckHealthAsync(context, cancellationToken);
                if (result.Status == HealthStatus.Healthy || Stopwatch.GetElapsedTime(started) + Step > Patience) return result;
                await Task.Delay(Step, cancellationToken);
            }
        }
    }
}
