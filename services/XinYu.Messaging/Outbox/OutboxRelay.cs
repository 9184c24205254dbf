using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace XinYu.Messaging.Outbox;

/// <summary>
/// Publishes outbox rows to the broker and marks them sent. A row that fails stays unsent and is retried with
/// backoff, and later rows of the same aggregate wait behind it, so order per aggregate holds. Urgent events
/// (<see cref="XinYu.Contracts.IUrgentEvent"/>) go first in every pass, with their aggregates' earlier rows, and
/// interrupt a bulk pass in progress, so a crisis warning is never behind thousands of ordinary rows. One replica relays
/// at a time (a PostgreSQL advisory lock), which keeps that order with several replicas. A row published but not
/// yet marked (a crash in between) is published again: consumers deduplicate through the inbox.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    /// <summary>Any fixed number works: each service has its own database.</summary>
    private const long RelayLockKey = 0x58_49_4E_59_55_4F_42; // "XINYUOB"

    private static readonly ActivitySource Source = new("XinYu.Messaging");
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await RelayBatchAsync(settings, stoppingToken) >= settings.BatchSize;
                await CleanUpAsync(settings, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Outbox relay pass failed; retrying");
            }
            if (!full)
            {
                try { await signal.WaitAsync(settings.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One pass: publish what is due, in order per aggregate. Returns the number of rows looked at.</summary>
    public async Task<int> RelayBatchAsync(OutboxOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RelayLockKey}) AS \"Value\"")
            .SingleAsync(ct);
        if (!locked)
        {
            // Another replica is relaying. It cannot know of an urgent row this replica just committed until its pass
            // ends, so try again shortly rather than after the poll interval.
            if (!signal.UrgentPending) return 0;
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            return settings.BatchSize;
        }

        // Urgent events first (a crisis warning), each with its aggregate's earlier unsent rows so their order holds.
        // The flag is cleared before looking: an urgent row committed from now on is found by the next pass.
        signal.ClearUrgent();
        var unsent = db.Set<OutboxMessage>().Where(m => m.SentAt == null);
        var urgentTypes = OutboxExtensions.UrgentTypeNames;
        var urgentAggregates = unsent.Where(m => urgentTypes.Contains(m.MessageType)).Select(m => m.AggregateKey);
        var urgent = await unsent.Where(m => urgentAggregates.Contains(m.AggregateKey))
            .OrderBy(m => m.Sequence).Take(settings.BatchSize).ToListAsync(ct);
        var urgentKeys = urgent.Select(m => m.AggregateKey).ToHashSet();
        var bulk = await unsent.OrderBy(m => m.Sequence).Take(settings.BatchSize).ToListAsync(ct);
        var full = bulk.Count >= settings.BatchSize; // more are waiting: the next pass starts at once
        bulk.RemoveAll(m => urgentKeys.Contains(m.AggregateKey)); // those aggregates go in the urgent order, or wait
        if (urgent.Count == 0 && bulk.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        await PublishInOrderAsync(urgent, now, settings, stopEarly: false, ct);
        // The bulk stops taking new rows when an urgent one commits meanwhile, so it waits for a publish, not a pass.
        var stopped = await PublishInOrderAsync(bulk, now, settings, stopEarly: true, ct);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return stopped || full || signal.UrgentPending ? settings.BatchSize : urgent.Count + bulk.Count;
    }

    /// <summary>Publishes <paramref name="rows"/> (in sequence order), aggregates in parallel, each aggregate's rows in turn. True if it stopped early.</summary>
    private async Task<bool> PublishInOrderAsync(List<OutboxMessage> rows, DateTimeOffset now, OutboxOptions settings, bool stopEarly, CancellationToken ct)
    {
        if (rows.Count == 0) return false;
        var stopped = false;
        var published = 0;
        await Parallel.ForEachAsync(rows.GroupBy(m => m.AggregateKey),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct },
            async (aggregate, token) =>
            {
                foreach (var row in aggregate)
                {
                    // The bulk still moves at least a round of publishes per pass, or a steady trickle of urgent
                    // rows (2 % of a peak's results) would starve it.
                    if (stopEarly && signal.UrgentPending && Volatile.Read(ref published) >= settings.Parallelism)
                    {
                        stopped = true;
                        break; // left unsent, in order: the next pass starts with the urgent rows
                    }
                    if (row.NextAttemptAt > now || !await TryPublishAsync(row, settings, token))
                    {
                        break; // keep this aggregate's order: nothing after a waiting row goes first
                    }
                    Interlocked.Increment(ref published);
                }
            });
        return stopped;
    }

    private async Task<bool> TryPublishAsync(OutboxMessage row, OutboxOptions settings, CancellationToken ct)
    {
        // Under the trace of whatever wrote the row, not a new root per relay pass.
        using var activity = Source.StartActivity("outbox publish", ActivityKind.Producer, OutboxTraceContext.ParentOf(row));
        activity?.SetTag("messaging.message.id", row.MessageId);
        try
        {
            var type = Type.GetType(row.MessageType, throwOnError: true)!;
            var message = JsonSerializer.Deserialize(row.Payload, type, OutboxExtensions.Json)
                ?? throw new JsonException("The payload is null.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.PublishTimeout);
            await bus.Publish(message, type, context => context.MessageId = row.MessageId, timeout.Token);
            row.SentAt = time.GetUtcNow();
            row.LastError = null;
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            row.Attempts++;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(settings.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(row.Attempts, 16))));
            row.NextAttemptAt = time.GetUtcNow() + backoff;
            row.LastError = e.GetType().Name + ": " + e.Message[..Math.Min(e.Message.Length, 1500)];
            logger.LogWarning("Outbox message {MessageId} not published (attempt {Attempts}): {Error}", row.MessageId, row.Attempts, row.LastError);
            return false;
        }
    }

    private async Task CleanUpAsync(OutboxOptions settings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now < _nextCleanup) return;
        _nextCleanup = now.AddHours(1);
        var cutoff = now - settings.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
        await db.Set<Inbox.InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
