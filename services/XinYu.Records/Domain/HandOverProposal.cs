namespace XinYu.Records.Domain;

/// <summary>
/// A hand-over (移交) waiting for its second side. The receiving school requests a student's file and the holding
/// school (or its bureau) approves; or the holding school releases it and the receiving school accepts. Nothing of the
/// file moves until the other side acts, and a person cannot be both sides.
/// </summary>
public sealed class HandOverProposal
{
    public Guid Id { get; set; }
    public Guid StudentId { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>The school holding the file when the proposal was made.</summary>
    public Guid FromSchoolId { get; set; }
    public Guid ToSchoolId { get; set; }
    /// <summary>The class at the new school: named by the receiving side (with its request, or when it accepts a release).</summary>
    public Guid? ToClassId { get; set; }
    /// <summary><see cref="HandOverSides"/>: which side proposed.</summary>
    public string ProposedBySide { get; set; } = "";
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    /// <summary><see cref="HandOverStatus"/>.</summary>
    public string Status { get; set; } = HandOverStatus.Pending;
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The hand-over it became, once accepted (its receipts carry this id).</summary>
    public Guid? HandOverId { get; set; }
}

public static class HandOverSides
{
    /// <summary>The school the student moves to.</summary>
    public const string Receiving = "receiving";
    /// <summary>The school that holds the file, or its bureau.</summary>
    public const string Holding = "holding";
}

public static class HandOverStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    /// <summary>The other side said no.</summary>
    public const string Declined = "declined";
    /// <summary>The proposing side took it back.</summary>
    public const string Withdrawn = "withdrawn";
}
