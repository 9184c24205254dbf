using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinYu.Messaging;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Messaging;

/// <summary>A service-shaped host (own database, the real broker, outbox relay, inbox consumer) for one test.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingHost(IHost host, string serviceName)
    {
        _host = host;
        ServiceName = serviceName;
    }

    public string ServiceName { get; }
    public TallyProbe Probe => _host.Services.GetRequiredService<TallyProbe>();
    public IServiceProvider Services => _host.Services;

    public string ConsumerQueue => Services.GetRequiredService<IEndpointNameFormatter>().Consumer<TallyConsumer>();

    public static async Task<MessagingHost> StartAsync(Action<HostApplicationBuilder>? configure = null)
    {
        var serviceName = "test" + Guid.NewGuid().ToString("N")[..8];
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = await TestServers.CreateDatabaseAsync("messaging"),
            ["ConnectionStrings:messaging"] = await TestServers.ConnectionStringAsync("messaging"),
            ["Messaging:RetryCount"] = "2",
            ["Messaging:RetryInterval"] = "00:00:00.050",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:01",
        });
        configure?.Invoke(builder);
        var connection = builder.Configuration.GetConnectionString("testdb");
        builder.Services.AddDbContext<TallyDbContext>((sp, options) => options
            .UseNpgsql(connection)
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        builder.Services.AddSingleton<TallyProbe>();
        builder.AddXinYuMessaging<TallyDbContext>(serviceName,
            bus => bus.AddConsumer<TallyConsumer, TallyConsumerDefinition>());

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TallyDbContext>().Database.EnsureCreatedAsync();
        }
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new MessagingHost(host, serviceName);
    }

    /// <summary>Runs <paramref name="work"/> against a fresh context, as a request handler would.</summary>
    public async Task InScopeAsync(Func<TallyDbContext, Task> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TallyDbContext>());
    }

    public async Task<T> InScopeAsync<T>(Func<TallyDbContext, Task<T>> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TallyDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
