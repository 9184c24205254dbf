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
/// An event someone must act on at once (a crisis warning). Its producer's outbox relays it in a lane of its own,
/// so it never waits behind ordinary events, and each consumer has its own queue, so thousands of ordinary results
/// do not delay it there either. The price: it may reach consumers before earlier ordinary events of its aggregate
/// (the crisis warning before its own result). Urgent events keep their order among themselves; a consumer of one
/// must not need the aggregate's earlier ordinary events to have arrived.
/// </summary>
public interface IUrgentEvent;
