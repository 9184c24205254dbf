using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Outbox;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Messaging;

[Collection(BrokerCollection.Name)]
public sealed class OutboxTests
{
    private static readonly Guid Bureau = Guid.NewGuid();

    private static TallyIncremented Event(string key, int sequence = 0, bool poison = false) =>
        new() { BureauId = Bureau, Key = key, Sequence = sequence, Poison = poison };

    [Fact]
    public async Task A_change_and_its_event_commit_together_and_the_event_reaches_the_consumer()
    {
        await using var host = await MessagingHost.StartAsync();
        var key = "together-" + Guid.NewGuid();

        await host.InScopeAsync(async db =>
        {
            db.Tallies.Add(new Tally { Key = key + "-source", Count = 0 });
            db.Publish(Event(key), aggregateKey: key);
            await db.SaveChangesAsync();
        });

        await Eventually.AssertAsync(() => host.Probe.Applied.ContainsKey(key), TimeSpan.FromSeconds(15), "the event to be consumed");
        var unsent = await host.InScopeAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));
        Assert.Equal(0, unsent);
    }

    [Fact]
    public async Task A_change_that_fails_to_commit_publishes_nothing()
    {
        await using var host = await MessagingHost.StartAsync();
        var key = "rolled-back-" + Guid.NewGuid();
        await host.InScopeAsync(async db =>
        {
            db.Tallies.Add(new Tally { Key = key });
            await db.SaveChangesAsync();
        });

        // The same key again violates the primary key: the whole save, event included, is refused.
        await Assert.ThrowsAsync<DbUpdateException>(() => host.InScopeAsync(async db =>
        {
            db.Tallies.Add(new Tally { Key = key });
            db.Publish(Event(key), aggregateKey: key);
            await db.SaveChangesAsync();
        }));

        var rows = await host.InScopeAsync(db => db.Set<OutboxMessage>().CountAsync());
        Assert.Equal(0, rows);
        // A change committed afterwards is relayed in outbox order and consumed one at a time: once it is applied,
        // the refused event would have been too.
        var later = "committed-" + Guid.NewGuid();
        await host.InScopeAsync(async db =>
        {
            db.Publish(Event(later), aggregateKey: later);
            await db.SaveChangesAsync();
        });
        await Eventually.AssertAsync(() => host.Probe.Applied.ContainsKey(later), TimeSpan.FromSeconds(30), "the event committed afterwards");
        Assert.False(host.Probe.Attempts.ContainsKey(key));
    }

    [Fact]
    public async Task Events_of_one_aggregate_arrive_in_the_order_they_were_written()
    {
        await using var host = await MessagingHost.StartAsync();
        var key = "ordered-" + Guid.NewGuid();
        for (var batch = 0; batch < 5; batch++)
        {
            await host.InScopeAsync(async db =>
            {
                for (var i = 0; i < 20; i++) db.Publish(Event(key, batch * 20 + i), aggregateKey: key);
                await db.SaveChangesAsync();
            });
        }

        await Eventually.AssertAsync(() => host.Probe.Applied.TryGetValue(key, out var q) && q.Count == 100,
            TimeSpan.FromSeconds(30), "100 events to be consumed");
        Assert.Equal(Enumerable.Range(0, 100), host.Probe.Applied[key]);
    }

    [Fact]
    public async Task An_event_written_while_the_broker_is_down_arrives_after_it_returns()
    {
        await using var host = await MessagingHost.StartAsync();
        var key = "outage-" + Guid.NewGuid();

        await TestServers.StopAsync("messaging");
        try
        {
            await host.InScopeAsync(async db =>
            {
                db.Tallies.Add(new Tally { Key = key + "-source" });
                db.Publish(Event(key), aggregateKey: key);
                await db.SaveChangesAsync();
            });

            // The relay tries, fails, and keeps the row.
            await Eventually.AssertAsync(() => host.InScopeAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null && m.Attempts > 0)),
                TimeSpan.FromSeconds(20), "a failed publish attempt to be recorded");
            Assert.False(host.Probe.Applied.ContainsKey(key));
        }
        finally
        {
            await TestServers.StartAsync("messaging");
        }

        await Eventually.AssertAsync(() => host.Probe.Applied.ContainsKey(key), TimeSpan.FromSeconds(60), "the event after the broker's return");
        Assert.Single(host.Probe.Applied[key]);
        Assert.Equal(0, await host.InScopeAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null)));
    }

    [Fact]
    public async Task An_urgent_event_is_relayed_ahead_of_a_backlog_in_a_lane_of_its_own()
    {
        await using var host = await MessagingHost.StartAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        const int Backlog = 2000;
        await host.InScopeAsync(async db =>
        {
            for (var i = 0; i < Backlog; i++) db.Publish(Event($"bulk-{run}-{i}"), aggregateKey: $"bulk-{run}-{i}");
            await db.SaveChangesAsync();
        });
        await host.InScopeAsync(async db =>
        {
            db.Publish(new TallyAlarmRaised { BureauId = Bureau, Key = $"alarm-{run}" }, aggregateKey: $"alarm-{run}");
            await db.SaveChangesAsync();
        });

        DateTimeOffset? alarmSent = null;
        await Eventually.AssertAsync(async () => (alarmSent = await host.InScopeAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.AggregateKey == $"alarm-{run}").Select(m => m.SentAt).SingleAsync())) is not null,
            TimeSpan.FromSeconds(60), "the alarm to be relayed");
        var bulkBefore = await host.InScopeAsync(db => db.Set<OutboxMessage>()
            .CountAsync(m => m.AggregateKey.StartsWith($"bulk-{run}-") && m.SentAt != null && m.SentAt < alarmSent));
        Assert.True(bulkBefore < Backlog / 2, $"the alarm was relayed after {bulkBefore} of the {Backlog} rows written before it");
    }
}
