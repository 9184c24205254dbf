namespace XinYu.ServiceDefaults.Auditing;

/// <summary>
/// One line of the audit trail: who did what to which student's data, when, from where and why. Rows are only ever
/// appended (a trigger refuses updates and deletes) and each carries the hash of its predecessor, so an edited or
/// removed row breaks the chain and <see cref="AuditChain.VerifyAsync"/> finds it. Kept at least 3 years (PIPL Art. 56).
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The token's subject: a staff account id or a partner client id.</summary>
    public required string ActorId { get; set; }
    public required string ActorRoles { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>read, create, update, export, denied, ...</summary>
    public required string Action { get; set; }
    /// <summary>What was touched, e.g. "student-file", "counselling-note".</summary>
    public required string ResourceType { get; set; }
    /// <summary>Room for a request path with two ids and an action ("/api/screening/plans/{id}/follow-ups/{id}/done").</summary>
    public const int ResourceIdLength = 400;
    public string? ResourceId { get; set; }
    public Guid? StudentId { get; set; }
    public Guid? SchoolId { get; set; }
    /// <summary>Why, as the caller stated it (required for counselling notes).</summary>
    public string? Purpose { get; set; }
    public string? CorrelationId { get; set; }
    /// <summary>Set by the database on insert, under a lock, from the previous row: the application cannot forge it.</summary>
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
