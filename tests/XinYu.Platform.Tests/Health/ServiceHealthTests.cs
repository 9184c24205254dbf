using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinYu.Staffing.Data;
using XinYu.Testing.Services;

namespace XinYu.Platform.Tests.Health;

/// <summary>A real service (Staffing stands for all: they share AddServiceDatabase, AddRedisConnection and messaging).</summary>
public sealed class StaffingService() : ServiceApp<StaffingDbContext, StaffingDbContext>("staffingdb");

public sealed class ServiceHealthTests
{
    [Fact]
    public async Task Health_reports_each_dependency_once_and_alive_only_the_process()
    {
        await using var service = new StaffingService();
        await ((IAsyncLifetime)service).InitializeAsync();
        using var http = service.CreateClient();
        // The bus connects in the background (the service starts without the broker), but a service under test is
        // started only once its consumers listen (ServiceApp.CreateHost): an event a test publishes at once is not
        // dropped for want of a bound queue. Checked now, without waiting.
        Assert.Equal(BusHealthStatus.Healthy, service.Services.GetRequiredService<IBusControl>().CheckHealth().Status);

        var (readyStatus, ready) = await EntriesAsync(http, ServiceDefaultsExtensions.HealthPath);
        var (liveStatus, live) = await EntriesAsync(http, ServiceDefaultsExtensions.AlivePath);

        // Aspire's PostgreSQL check (named after the context), Aspire's Redis check, MassTransit's bus check; no
        // hand-written duplicates beside them.
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal(["StackExchange.Redis", nameof(StaffingDbContext), "masstransit-bus", "self"], ready.Keys.Order(StringComparer.Ordinal));
        Assert.All(ready.Values, status => Assert.Equal("Healthy", status));
        // A dependency that is down must make the service unready, never restart it: only the self check is "live".
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal(["self"], live.Keys);
    }

    private static async Task<(HttpStatusCode, Dictionary<string, string>)> EntriesAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, report.GetProperty("entries").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.GetProperty("status").GetString()!));
    }
}
