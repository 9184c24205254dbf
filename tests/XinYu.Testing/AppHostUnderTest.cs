using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace XinYu.Testing;

/// <summary>
/// The AppHost, started by Aspire's test host (<see cref="DistributedApplicationTestingBuilder"/>) with XinYu's own
/// options: the one way every test and the benchmark start servers or the suite. DCP runs the resources; the dashboard
/// runs only when a <see cref="Suite.TestDashboard"/> is given.
/// </summary>
public static class AppHostUnderTest
{
    public static async Task<DistributedApplication> StartAsync(string[] args, IReadOnlyList<string> waitForHealthy,
        Action<IDistributedApplicationTestingBuilder>? adjust = null, TimeSpan? timeout = null, Suite.TestDashboard? dashboard = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(typeof(AppHost.Program),
            [.. args, .. dashboard?.Arguments ?? []], (options, _) =>
            {
                options.DisableDashboard = dashboard is null;
                // Aspire's test host would also copy every line of every resource into this process's logging (the
                // console, for the benchmark): a CPU cost while seven services start on two cores, for lines the
                // AppHost already writes to <data>/logs/<resource>.log.
                options.EnableResourceLogging = false;
            });
        adjust?.Invoke(builder);
        var app = await builder.BuildAsync();
        using var startup = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await app.StartAsync(startup.Token);
            await Task.WhenAll(waitForHealthy.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, startup.Token)));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }
}
