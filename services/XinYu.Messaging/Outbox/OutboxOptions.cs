namespace XinYu.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for rows when nothing woke it (a commit in this process wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>The same for urgent events, which another replica may have committed (a crisis warning waits at most this).</summary>
    public TimeSpan UrgentPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    public int BatchSize { get; set; } = 500;
    /// <summary>How long one publish may wait for the broker before the row is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The longest wait between attempts at a row that keeps failing.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Sent rows and inbox entries are kept this long (to explain what happened), then deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
    /// <summary>
    /// Aggregates published at once; each one's rows still go strictly in order. Each publish waits for the broker's
    /// confirm (~100 ms when the machine is saturated), so this bounds the relay's rate: at 32 the October peak's
    /// outbox grew by thousands of rows (docs/benchmarks.md).
    /// </summary>
    public int Parallelism { get; set; } = 128;
}
