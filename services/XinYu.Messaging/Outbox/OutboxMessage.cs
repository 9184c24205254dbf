namespace XinYu.Messaging.Outbox;

/// <summary>
/// An event waiting to be published, written in the same transaction as the change it reports. The relay publishes
/// rows in <see cref="Sequence"/> order per <see cref="AggregateKey"/> and marks them sent.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; set; }
    public Guid MessageId { get; set; }
    /// <summary>"Namespace.Type, Assembly": the contract type to publish as.</summary>
    public required string MessageType { get; set; }
    /// <summary>The event as JSON.</summary>
    public required string Payload { get; set; }
    /// <summary>Events of one aggregate (e.g. "student:…") are published in the order they were written.</summary>
    public required string AggregateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>
    /// The W3C <c>traceparent</c> of the activity that wrote the row (the request or consumer), so the publish and
    /// every consumer join its trace. Nothing personal: a version, a random trace id, a random span id and flags.
    /// </summary>
    public string? TraceParent { get; set; }
    /// <summary>The W3C <c>tracestate</c> beside it, when the tracing system sent one: vendors' opaque state.</summary>
    public string? TraceState { get; set; }
}
