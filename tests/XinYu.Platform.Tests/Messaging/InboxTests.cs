using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using XinYu.Messaging.Inbox;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Messaging;

[Collection(BrokerCollection.Name)]
public sealed class InboxTests
{
    private static readonly Guid Bureau = Guid.NewGuid();

    [Fact]
    public async Task A_message_delivered_many_times_changes_state_once()
    {
        await using var host = await MessagingHost.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var key = "duplicate-" + Guid.NewGuid();
        var message = new TallyIncremented { BureauId = Bureau, Key = key };

        // A storm of redeliveries of one message, some concurrent.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => bus.Publish(message, ctx => ctx.MessageId = message.MessageId)));

        // The endpoint takes one message at a time, in queue order: once a message published after the storm is
        // applied, every duplicate has been delivered.
        await AppliedAfterAsync(host, bus);
        var count = await host.InScopeAsync(db => db.Tallies.Where(t => t.Key == key).Select(t => t.Count).SingleAsync());
        Assert.Equal(1, count);
        Assert.Single(host.Probe.Applied[key]);
        Assert.Equal(1, await host.InScopeAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == message.MessageId)));
    }

    [Fact]
    public async Task Distinct_messages_are_each_applied()
    {
        await using var host = await MessagingHost.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var key = "distinct-" + Guid.NewGuid();

        for (var i = 0; i < 3; i++) await bus.Publish(new TallyIncremented { BureauId = Bureau, Key = key, Sequence = i });

        await Eventually.AssertAsync(() => host.InScopeAsync(db => db.Tallies.AnyAsync(t => t.Key == key && t.Count == 3)),
            TimeSpan.FromSeconds(15), "three applications");
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_with_its_reason_after_bounded_retries()
    {
        await using var host = await MessagingHost.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var key = "poison-" + Guid.NewGuid();

        await bus.Publish(new TallyIncremented { BureauId = Bureau, Key = key, Poison = true });

        var errorQueue = host.ConsumerQueue + "_error";
        BasicGetResult? faulted = null;
        var factory = new ConnectionFactory { Uri = new Uri(await TestServers.ConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await Eventually.AssertAsync(async () =>
        {
            // A fresh channel each time: asking for a queue that does not exist yet closes the channel.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                faulted = await channel.BasicGetAsync(errorQueue, autoAck: true);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return false; // the error queue is created with the first fault
            }
            return faulted is not null;
        }, TimeSpan.FromSeconds(20), "the message in " + errorQueue);

        var reason = System.Text.Encoding.UTF8.GetString((byte[])faulted!.BasicProperties.Headers!["MT-Fault-Message"]!);
        Assert.Contains($"Tally {key} cannot be applied.", reason);
        // One delivery plus the configured retries (two in the test host), then no more: not a retry loop. A message
        // published after it is applied only once the poison has left the (one-at-a-time) endpoint.
        await AppliedAfterAsync(host, bus);
        Assert.Equal(3, host.Probe.Attempts[key]);
        Assert.False(await host.InScopeAsync(db => db.Tallies.AnyAsync(t => t.Key == key)));
    }

    /// <summary>Publishes a message of its own and waits until it is applied: what was published before has been delivered.</summary>
    internal static async Task AppliedAfterAsync(MessagingHost host, IBus bus)
    {
        var later = "later-" + Guid.NewGuid();
        await bus.Publish(new TallyIncremented { BureauId = Bureau, Key = later });
        await Eventually.AssertAsync(() => host.Probe.Applied.ContainsKey(later), TimeSpan.FromSeconds(30), "a message published afterwards");
    }
}
