using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;

namespace XinYu.Screening.Domain;

/// <summary>An instrument a bureau added (built-ins live in code, <see cref="Domain.BuiltInInstruments"/>). Immutable.</summary>
public sealed class InstrumentRecord
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public string Code { get; set; } = "";
    public int Version { get; set; }
    /// <summary>The definition as JSON (jsonb), exactly as validated.</summary>
    public string Definition { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>A school of the directory (from SchoolRegistered).</summary>
public sealed class KnownSchool : KnownSchoolCopy;

/// <summary>A class of the directory (from ClassOpened).</summary>
public sealed class KnownClass : KnownClassCopy
{
    public int Grade { get; set; }
}

/// <summary>
/// A student as screening knows them, from Records' events: ids, school, class, grade; and the student's current
/// risk level (the dynamic registry: level, since when, why). No names ever.
/// </summary>
public sealed class Student : PlacedStudent
{
    /// <summary>False once the student left the bureau's schools (the table keeps <c>active</c>; <see cref="Left"/> is not mapped).</summary>
    public bool Active { get; set; } = true;
    public override bool Left { get => !Active; set => Active = !value; }
    public string Level { get; set; } = "";
    public int LevelRank { get; set; }
    public DateTimeOffset? LevelSince { get; set; }
    public string[] LevelReasons { get; set; } = [];
}

/// <summary>The latest consent per student and purpose (by the event's OccurredAt).</summary>
public sealed class Consent
{
    public Guid StudentId { get; set; }
    public string Purpose { get; set; } = "";
    public bool Granted { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>A screening campaign the bureau scheduled (普测). Immutable once scheduled.</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Instrument keys, "phq-9@1".</summary>
    public string[] Instruments { get; set; } = [];
    public Guid[] SchoolIds { get; set; } = [];
    public int[] Grades { get; set; } = [];
    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }
    /// <summary>What students answering with a code read first (the purpose, who sees the answers); null: the setting's default.</summary>
    public string? Explanation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>A scored screening, keyed by the client's submission id (idempotency).</summary>
public sealed class Submission
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public int Grade { get; set; }
    public Guid StudentId { get; set; }
    public Guid? CampaignId { get; set; }
    public string InstrumentCode { get; set; } = "";
    public int InstrumentVersion { get; set; }
    public int[] Answers { get; set; } = [];
    public int Total { get; set; }
    public string Band { get; set; } = "";
    /// <summary>The level the result pointed to (the student's level may already have been higher).</summary>
    public string Level { get; set; } = "";
    public bool CriticalItemAnswered { get; set; }
    /// <summary>The warning this result raised, if any.</summary>
    public Guid? WarningId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
}

/// <summary>A warning in the three-level chain; open until acknowledged at its current tier.</summary>
public sealed class Warning
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public Guid StudentId { get; set; }
    public string Level { get; set; } = "";
    /// <summary>screening | observation</summary>
    public string Source { get; set; } = "";
    public Guid? SubmissionId { get; set; }
    public string Tier { get; set; } = "";
    public DateTimeOffset TierSince { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string RaisedBy { get; set; } = "";
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    /// <summary>An observation's text: encrypted at rest.</summary>
    public string? Details { get; set; }
    /// <summary>PostgreSQL's xmin: an acknowledgement and an escalation of the same warning never both win.</summary>
    public uint RowVersion { get; set; }
    public bool IsOpen => AcknowledgedAt is null;
}
