namespace XinYu.Contracts;

/// <summary>
/// A fact one service tells the others, named in the past tense. It carries its own id (consumers deduplicate on
/// it), the bureau and school it concerns, and no more personal data than its consumers need: ids, never notes.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid MessageId { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
    public required Guid BureauId { get; init; }
    /// <summary>Null for a fact about the whole bureau.</summary>
    public Guid? SchoolId { get; init; }
}

/// <summary>
/// An event someone must act on at once (a crisis warning). Its producer's outbox relays it ahead of the bulk
/// (with its aggregate's earlier events, so their order holds), and its consumers are never queued behind other
/// message types: each consumer has its own queue, so thousands of ordinary results do not delay it.
/// </summary>
public interface IUrgentEvent;
