namespace XinYu.Contracts;

// Liaison owns home visits, guardian notifications, parent meetings and joint cases. No notes, no guardian details.

/// <summary>A home visit was completed: regular (全员家访) or special (特殊家访, after a level rise).</summary>
public sealed record HomeVisitCompleted : IntegrationEvent
{
    public required Guid VisitId { get; init; }
    public required Guid StudentId { get; init; }
    public Guid? ClassId { get; init; }
    /// <summary>regular | special</summary>
    public required string Kind { get; init; }
    public required DateOnly VisitedOn { get; init; }
    /// <summary>For a special visit: the guardian acknowledged 家长知情、承担就医、确保安全.</summary>
    public bool GuardianAcknowledged { get; init; }
}

/// <summary>The school recorded that a student's guardian was told of a crisis warning.</summary>
public sealed record GuardianNotified : IntegrationEvent
{
    public required Guid NotificationId { get; init; }
    public required Guid StudentId { get; init; }
    public required Guid WarningId { get; init; }
    /// <summary>phone | in-person | message | other</summary>
    public required string Method { get; init; }
}

/// <summary>A liaison task went past its deadline and was escalated: special-visit | guardian-notification.</summary>
public sealed record LiaisonTaskOverdue : IntegrationEvent
{
    public required Guid TaskId { get; init; }
    public required Guid StudentId { get; init; }
    public required string Kind { get; init; }
}
