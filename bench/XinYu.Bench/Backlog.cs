using System.Diagnostics;
using Npgsql;

namespace XinYu.Bench;

/// <summary>
/// How far the consumers fall behind under load, read from the services' own tables once a second: for each consumer,
/// the messages of its type written to any outbox since the start less those its inbox has applied; and the outbox
/// rows not yet handed to the broker. A consumer's message type is its class name less "Consumer"
/// (<c>XinYu.Records.Consumers.ScreeningSubmittedConsumer</c> → <c>ScreeningSubmitted</c>); the few generic copy
/// consumers that do not follow it are left out. After <see cref="LoadStopped"/> it keeps sampling until every
/// backlog is empty, which gives the drain time.
/// </summary>
public sealed class BacklogMonitor : IAsyncDisposable
{
    private readonly Deliveries _deliveries;
    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _stoppedAt = long.MaxValue;

    public long LargestBacklog { get; private set; }
    public string LargestConsumer { get; private set; } = "";
    public long LargestUnsent { get; private set; }
    public TimeSpan? DrainTime { get; private set; }

    public BacklogMonitor(Deliveries deliveries)
    {
        _deliveries = deliveries;
        _sampling = Task.Run(SampleAsync);
    }

    public void LoadStopped() => Interlocked.Exchange(ref _stoppedAt, Stopwatch.GetTimestamp());

    /// <summary>Waits until every backlog is empty after the load stopped, at most <paramref name="limit"/>.</summary>
    public async Task WaitDrainedAsync(TimeSpan limit)
    {
        LoadStopped();
        await Task.WhenAny(_drained.Task, Task.Delay(limit));
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var (backlogs, unsent) = await SampleOnceAsync();
                foreach (var (consumer, backlog) in backlogs)
                {
                    if (backlog > LargestBacklog) (LargestBacklog, LargestConsumer) = (backlog, consumer);
                }
                LargestUnsent = Math.Max(LargestUnsent, unsent);
                var stoppedAt = Interlocked.Read(ref _stoppedAt);
                if (stoppedAt != long.MaxValue && unsent == 0 && backlogs.Values.All(b => b == 0) && !_drained.Task.IsCompleted)
                {
                    DrainTime = Stopwatch.GetElapsedTime(stoppedAt);
                    _drained.TrySetResult();
                }
            }
            catch (NpgsqlException) { } // a fault scenario may have stopped the database; the next sample tries again
            try { await Task.Delay(1000, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    private async Task<(Dictionary<string, long> Backlogs, long Unsent)> SampleOnceAsync()
    {
        var published = new Dictionary<string, long>();
        var applied = new Dictionary<string, long>();
        long unsent = 0;
        foreach (var database in Deliveries.Databases)
        {
            await using var connection = new NpgsqlConnection(_deliveries.ConnectionString(database));
            await connection.OpenAsync();
            await using (var outbox = new NpgsqlCommand(
                "SELECT split_part(split_part(message_type, ',', 1), '.', 3), count(*), count(*) FILTER (WHERE sent_at IS NULL) FROM outbox_messages WHERE created_at >= $1 AND aggregate_key NOT LIKE 'bench-ceiling:%' GROUP BY 1", connection))
            {
                outbox.Parameters.Add(new NpgsqlParameter { Value = _since });
                await using var reader = await outbox.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    published[reader.GetString(0)] = published.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
                    unsent += reader.GetInt64(2);
                }
            }
            await using (var inbox = new NpgsqlCommand(
                "SELECT consumer, count(*) FROM inbox_messages WHERE processed_at >= $1 GROUP BY 1", connection))
            {
                inbox.Parameters.Add(new NpgsqlParameter { Value = _since });
                await using var reader = await inbox.ExecuteReaderAsync();
                while (await reader.ReadAsync()) applied[database + ":" + reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        var backlogs = new Dictionary<string, long>();
        foreach (var (consumer, count) in applied)
        {
            var name = consumer[(consumer.LastIndexOf('.') + 1)..];
            if (!name.EndsWith("Consumer", StringComparison.Ordinal)) continue;
            var type = name[..^"Consumer".Length];
            if (published.TryGetValue(type, out var sent)) backlogs[consumer] = Math.Max(0, sent - count);
        }
        return (backlogs, unsent);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
    }
}
