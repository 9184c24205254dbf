using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace XinYu.Testing;

/// <summary>
/// The AppHost, started by Aspire's test host (<see cref="DistributedApplicationTestingBuilder"/>) with XinYu's own
/// options: the one way every test and the benchmark start servers or the suite. No dashboard; DCP runs the resources.
/// </summary>
public static class AppHostUnderTest
{
    public static async Task<DistributedApplication> StartAsync(string[] args, IReadOnlyList<string> waitForHealthy,
        Action<IDistributedApplicationTestingBuilder>? adjust = null, TimeSpan? timeout = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(typeof(AppHost.Program), args,
            (options, _) => options.DisableDashboard = true);
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
