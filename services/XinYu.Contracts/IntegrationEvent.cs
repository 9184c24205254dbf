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
