using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinYu.ServiceDefaults.Secrets;

namespace XinYu.Messaging;

public static class LiveUpdates
{
    /// <summary>
    /// Consumers that tell what is on screen now, for an app without a database of its own (the web app): each replica
    /// listens on a temporary queue of its own (non-durable, deleted when the replica goes), so every replica hears every
    /// event and tells its own open pages. There is no inbox or outbox because nothing is stored: a page that misses
    /// an event while its replica restarts reads the current state from the API when it loads, which is the truth the
    /// event only pointed at. The services' own consumers (<see cref="MessagingExtensions.AddXinYuMessaging{TContext}"/>)
    /// are the opposite: durable queues shared by a service's replicas, nothing lost.
    /// </summary>
    public static IHostApplicationBuilder AddXinYuLiveUpdates(this IHostApplicationBuilder builder, string appName,
        Action<IBusRegistrationConfigurator> consumers, Action<IReceiveEndpointConfigurator, IBusRegistrationContext> endpoint,
        string connectionName = "messaging")
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set (the AppHost or the deployment provides it).");
        builder.Services.RequireSecret($"ConnectionStrings:{connectionName}");
        builder.Services.AddMassTransit(bus =>
        {
            consumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition($"{appName}-live"), e => endpoint(e, context));
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false; // start without the broker: pages still load, they only stop updating live
            host.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}
