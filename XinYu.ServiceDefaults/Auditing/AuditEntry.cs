namespace XinYu.ServiceDefaults.Auditing;

/// <summary>
/// One line of the audit trail: who did what to which student's data, when, from where and why. Rows are only ever
/// appended (the service's database role may insert and read them, and set the seal of an unsealed row once; a trigger
/// refuses anything else), and the sealer (<see cref="AuditSealer"/>) chains each committed row to its predecessor
/// with an HMAC keyed by a secret the database never sees, so an edited, removed, re-ordered or recomputed row breaks
/// the chain and <see cref="AuditChain.VerifyAsync"/> finds it. Kept at least 3 years (PIPL Art. 56).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Insertion order, from a database sequence (no lock: concurrent requests never wait for each other).</summary>
    public long Sequence { get; set; }
    /// <summary>The row's place in the chain, given by the sealer shortly after commit; null until then.</summary>
    public long? ChainPosition { get; set; }
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
    /// <summary>
    /// The caller's bureau (the token's bureau claim), which decides whose auditor sees the entry. The caller's, not the
    /// school's: every request has one (a refused or 404 request may name no school, or another bureau's), and a caller
    /// reaches only schools of their own bureau (<c>CallerScope.CanReachSchool</c>), so for every permitted access the
    /// two are the same. A refused attempt from another bureau is therefore seen by that bureau's auditor.
    /// </summary>
    public Guid? BureauId { get; set; }
    /// <summary>Why, as the caller stated it (required for counselling notes).</summary>
    public string? Purpose { get; set; }
    public string? CorrelationId { get; set; }
    /// <summary>The previous sealed row's <see cref="Hash"/> (<see cref="AuditChain.Genesis"/> for the first); null until sealed.</summary>
    public string? PreviousHash { get; set; }
    /// <summary>HMAC-SHA256 of the row and <see cref="PreviousHash"/> (<see cref="AuditChain"/>); null until sealed.</summary>
    public string? Hash { get; set; }
}
