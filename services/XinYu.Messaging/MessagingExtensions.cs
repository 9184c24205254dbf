using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinYu.Messaging.Inbox;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Secrets;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Messaging;

public sealed class MessagingOptions
{
    /// <summary>Retries of a failing consumer (in memory, at <see cref="RetryInterval"/>); then the message goes to its
    /// queue's <c>_error</c> queue with the reason. Delayed redelivery would need a plugin Debian does not ship.</summary>
    public int RetryCount { get; set; } = 3;
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);
    public ushort PrefetchCount { get; set; } = 32;
}

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over the suite's RabbitMQ (<c>ConnectionStrings:messaging</c>), the outbox relay for
    /// <typeparamref name="TContext"/>, and bounded retries ending in the error queue.
    /// </summary>
    /// <param name="serviceName">Prefixes queue names, so every service gets its own copy of each event.</param>
    public static IHostApplicationBuilder AddXinYuMessaging<TContext>(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null, string connectionName = "messaging")
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set (the AppHost or the deployment provides it).");
        builder.Services.RequireSecret($"ConnectionStrings:{connectionName}"); // it carries the broker user's password
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Messaging:Outbox");
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration("Messaging");
        var messaging = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.AddSystemClock(); // the relay's clock

        // Queue names start with the service's name, so a service's replicas share its queues. Messaging:QueuePrefix
        // replaces it where instances must not share: the tests start several instances of one service on one broker,
        // and each must get every message, not take its turn at them.
        var queuePrefix = builder.Configuration["Messaging:QueuePrefix"] is { Length: > 0 } prefix ? prefix : serviceName;
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(queuePrefix, includeNamespace: false));
            consumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(retry =>
            {
                retry.Ignore<InvalidMessageException>();
                retry.Interval(messaging.RetryCount, messaging.RetryInterval);
            }));
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.PrefetchCount = messaging.PrefetchCount;
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false; // start without the broker; health reports it and MassTransit reconnects
            host.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}
