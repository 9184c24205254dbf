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
/// backoff, and later rows of the same aggregate wait behind it, so order per aggregate holds. One replica relays
/// at a time (a PostgreSQL advisory lock), which keeps that order with several replicas. A row published but not
/// yet marked (a crash in between) is published again: consumers deduplicate through the inbox.
/// <para>Two lanes, each its own loop under its own lock: urgent events (<see cref="XinYu.Contracts.IUrgentEvent"/>,
/// the crisis warning) and the rest. A crisis warning written at the October peak never waits for thousands of
/// ordinary rows, nor for a bulk round of broker confirms already in flight. The price, stated on IUrgentEvent: an
/// urgent event may reach consumers before its aggregate's earlier ordinary events; urgent events keep their order.</para>
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    /// <summary>Any fixed numbers work: each service has its own database.</summary>
    private const long RelayLockKey = 0x58_49_4E_59_55_4F_42; // "XINYUOB"
    private const long UrgentRelayLockKey = 0x58_49_4E_59_55_4F_55; // "XINYUOU"

    private static readonly ActivitySource Source = new("XinYu.Messaging");
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RunAsync(OutboxLane.Bulk, stoppingToken), RunAsync(OutboxLane.Urgent, stoppingToken));

    private async Task RunAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Urgent rows another replica committed wake nobody here: that lane looks often (a query on the unsent index).
        var poll = lane == OutboxLane.Urgent ? settings.UrgentPollInterval : settings.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            var wait = poll;
            try
            {
                full = await RelayBatchAsync(lane, settings, stoppingToken) >= settings.BatchSize;
                if (lane == OutboxLane.Bulk) await CleanUpAsync(settings, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Outbox relay pass ({Lane}) failed; retrying", lane);
                wait = settings.PollInterval; // the database is down or failing: not ten warnings a second
            }
            if (!full)
            {
                try { await signal.WaitAsync(lane, wait, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One pass of one lane: publish what is due, in order per aggregate. Returns the number of rows looked at.</summary>
    public async Task<int> RelayBatchAsync(OutboxLane lane, OutboxOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var urgentTypes = OutboxExtensions.UrgentTypeNames;
        // The urgent lane polls often and mostly finds nothing: one query says so, without a transaction and a lock.
        if (lane == OutboxLane.Urgent
            && !await db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null && urgentTypes.Contains(m.MessageType), ct))
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = lane == OutboxLane.Urgent ? UrgentRelayLockKey : RelayLockKey;
        var locked = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({key}) AS \"Value\"")
            .SingleAsync(ct);
        if (!locked)
        {
            return 0; // another replica is relaying this lane
        }

        var unsent = db.Set<OutboxMessage>().Where(m => m.SentAt == null);
        var batch = await (lane == OutboxLane.Urgent
                ? unsent.Where(m => urgentTypes.Contains(m.MessageType))
                : unsent.Where(m => !urgentTypes.Contains(m.MessageType)))
            .OrderBy(m => m.Sequence)
            .Take(settings.BatchSize)
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(batch.GroupBy(m => m.AggregateKey),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct },
            async (aggregate, token) =>
            {
                foreach (var row in aggregate)
                {
                    if (row.NextAttemptAt > now || !await TryPublishAsync(row, settings, token))
                    {
                        break; // keep this aggregate's order: nothing after a waiting row goes first
                    }
                }
            });

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch.Count;
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
