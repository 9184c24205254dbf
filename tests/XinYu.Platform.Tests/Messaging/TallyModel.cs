using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging;
using XinYu.Messaging.Inbox;

namespace XinYu.Platform.Tests.Messaging;

/// <summary>A minimal service state for exercising the outbox and inbox: counters per key.</summary>
public sealed class Tally
{
    public required string Key { get; set; }
    public int Count { get; set; }
}

public sealed class TallyDbContext(DbContextOptions<TallyDbContext> options) : DbContext(options)
{
    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tally>().HasKey(t => t.Key);
        modelBuilder.AddMessagingTables();
    }
}

public sealed record TallyIncremented : IntegrationEvent
{
    public required string Key { get; init; }
    public int Sequence { get; init; }
    /// <summary>The consumer can never apply this one.</summary>
    public bool Poison { get; init; }
}

/// <summary>An urgent event (no consumer: the tests read when the relay handed it to the broker).</summary>
public sealed record TallyAlarmRaised : IntegrationEvent, IUrgentEvent
{
    public required string Key { get; init; }
}

/// <summary>What the consumer saw, per key, for the tests to look at.</summary>
public sealed class TallyProbe
{
    public ConcurrentDictionary<string, int> Attempts { get; } = new();
    public ConcurrentDictionary<string, ConcurrentQueue<int>> Applied { get; } = new();
    /// <summary>The trace the consumer ran in (where something listens to MassTransit's activities).</summary>
    public ConcurrentDictionary<string, ActivityTraceId> TraceIds { get; } = new();
}

public sealed class TallyConsumer(TallyDbContext db, TallyProbe probe) : IdempotentConsumer<TallyIncremented, TallyDbContext>(db)
{
    protected override async Task ApplyAsync(TallyIncremented message, ConsumeContext<TallyIncremented> context)
    {
        probe.Attempts.AddOrUpdate(message.Key, 1, (_, n) => n + 1);
        if (Activity.Current is { } activity) probe.TraceIds[message.Key] = activity.TraceId;
        if (message.Poison)
        {
            throw new InvalidOperationException($"Tally {message.Key} cannot be applied.");
        }
        var tally = await Db.Tallies.FindAsync([message.Key], context.CancellationToken);
        if (tally is null)
        {
            Db.Tallies.Add(new Tally { Key = message.Key, Count = 1 });
        }
        else
        {
            tally.Count++;
        }
        probe.Applied.GetOrAdd(message.Key, _ => new()).Enqueue(message.Sequence);
    }
}

/// <summary>The endpoint applies one message at a time, so the order the broker delivers is the order applied.</summary>
public sealed class TallyConsumerDefinition : ConsumerDefinition<TallyConsumer>
{
    public TallyConsumerDefinition() => ConcurrentMessageLimit = 1;
}
