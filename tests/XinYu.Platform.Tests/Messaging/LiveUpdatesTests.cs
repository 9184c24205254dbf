using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinYu.Messaging;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Messaging;

/// <summary>
/// The web app's live updates with two replicas: a browser's circuit lives on one replica, so each replica must hear
/// every event itself. Were the replicas to share one queue (as a service's replicas do), each event would reach one of
/// them and half of the open Today pages would miss a new crisis warning.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class LiveUpdatesTests
{
    [Fact]
    public async Task Every_replica_of_an_app_hears_every_event_on_its_own_queue()
    {
        var app = "live" + Guid.NewGuid().ToString("N")[..8];
        await using var first = await ReplicaAsync(app);
        await using var second = await ReplicaAsync(app);

        var pings = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var bus = first.Services.GetRequiredService<IBus>();
        foreach (var ping in pings)
            await bus.Publish(new LivePing(ping));

        foreach (var replica in new[] { first, second })
        {
            var heard = replica.Services.GetRequiredService<HeardPings>();
            await heard.WaitForAsync(pings, TimeSpan.FromSeconds(30));
            Assert.Equal(pings.ToHashSet(), heard.Ids.ToHashSet());
        }
    }

    private sealed class Replica(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private static async Task<Replica> ReplicaAsync(string app)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = await TestServers.ConnectionStringAsync("messaging"),
        });
        builder.Services.AddSingleton<HeardPings>();
        builder.AddXinYuLiveUpdates(app, bus => bus.AddConsumer<LivePingConsumer>(),
            (endpoint, context) => endpoint.ConfigureConsumer<LivePingConsumer>(context));
        var host = builder.Build();
        await host.StartAsync();
        // Live updates start without waiting for the broker (pages load without it); the test waits, so its
        // publish finds both replicas' queues bound.
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new Replica(host);
    }
}

public sealed record LivePing(Guid Id);

public sealed class LivePingConsumer(HeardPings heard) : IConsumer<LivePing>
{
    public Task Consume(ConsumeContext<LivePing> context)
    {
        heard.Add(context.Message.Id);
        return Task.CompletedTask;
    }
}

public sealed class HeardPings
{
    private readonly ConcurrentQueue<Guid> _ids = new();

    public IReadOnlyCollection<Guid> Ids => _ids;

    public void Add(Guid id) => _ids.Enqueue(id);

    public async Task WaitForAsync(IReadOnlyCollection<Guid> expected, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!expected.All(_ids.Contains) && !cancel.IsCancellationRequested)
            await Task.Delay(50, CancellationToken.None);
    }
}
