namespace XinYu.Contracts;

// Screening owns instruments, campaigns, results, risk levels, warnings, plans, referrals and return assessments.
// These events carry ids, codes and scores that their consumers (the file's timeline, liaison, staffing) need; never
// answers to single items, notes or crisis details.

/// <summary>A student's screening answers were scored and stored.</summary>
public sealed record ScreeningSubmitted : IntegrationEvent
{
    public required Guid SubmissionId { get; init; }
    public required Guid StudentId { get; init; }
    public Guid? ClassId { get; init; }
    public Guid? CampaignId { get; init; }
    /// <summary>The instrument and the version it was scored with ("phq-9", 1).</summary>
    public required string InstrumentCode { get; init; }
    public required int InstrumentVersion { get; init; }
    public required int TotalScore { get; init; }
    /// <summary>The severity band's code ("minimal", "mild", ...).</summary>
    public required string Band { get; init; }
    /// <summary>A critical item (self-harm) was answered above zero.</summary>
    public required bool CriticalItemAnswered { get; init; }
}

/// <summary>A student's risk level changed (levels are the bureau's settings, e.g. none, attention, high, crisis).</summary>
public sealed record RiskLevelChanged : IntegrationEvent
{
    public required Guid StudentId { get; init; }
    public Guid? ClassId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    /// <summary>Why, as codes: "critical-item:phq-9", "band:phq-9:severe", "observation", "review".</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>The level's rank in the bureau's list (0 = none); consumers compare ranks, not names.</summary>
    public required int FromRank { get; init; }
    public required int ToRank { get; init; }
}

/// <summary>A crisis warning was raised: a critical item answered above zero, or an observation of imminent risk.</summary>
public sealed record CrisisWarningRaised : IntegrationEvent, IUrgentEvent
{
    public required Guid WarningId { get; init; }
    public required Guid StudentId { get; init; }
    public Guid? ClassId { get; init; }
    /// <summary>screening | observation</summary>
    public required string Source { get; init; }
    public Guid? SubmissionId { get; init; }
    /// <summary>The tier it was raised at: class | school | bureau.</summary>
    public required string Tier { get; init; }
}

/// <summary>A warning was acknowledged by a responsible adult at its current tier.</summary>
public sealed record WarningAcknowledged : IntegrationEvent
{
    public required Guid WarningId { get; init; }
    public required Guid StudentId { get; init; }
    public required string Tier { get; init; }
}

/// <summary>A warning went unacknowledged past its deadline and moved up a tier (class → school → bureau).</summary>
public sealed record WarningEscalated : IntegrationEvent
{
    public required Guid WarningId { get; init; }
    public required Guid StudentId { get; init; }
    public required string FromTier { get; init; }
    public required string ToTier { get; init; }
}

/// <summary>An individual plan (一生一策) was opened for a student.</summary>
public sealed record InterventionPlanOpened : IntegrationEvent
{
    public required Guid PlanId { get; init; }
    public required Guid StudentId { get; init; }
    /// <summary>The named person in charge (directory staff id).</summary>
    public required Guid OwnerStaffId { get; init; }
}

/// <summary>An individual plan was closed after a review.</summary>
public sealed record InterventionPlanClosed : IntegrationEvent
{
    public required Guid PlanId { get; init; }
    public required Guid StudentId { get; init; }
    /// <summary>improved | transferred | referred | other</summary>
    public required string Outcome { get; init; }
}

/// <summary>A counsellor referred a student to a partner hospital over the green channel.</summary>
public sealed record ReferralMade : IntegrationEvent
{
    public required Guid ReferralId { get; init; }
    public required Guid StudentId { get; init; }
    /// <summary>The partner agency (hospital) it is addressed to.</summary>
    public required string AgencyId { get; init; }
}

/// <summary>The hospital answered a referral: accepted | declined | seen | recommendation | treatment-leave.</summary>
public sealed record ReferralFeedbackReceived : IntegrationEvent
{
    public required Guid ReferralId { get; init; }
    public required Guid StudentId { get; init; }
    public required string AgencyId { get; init; }
    public required string Kind { get; init; }
}

/// <summary>A student back from treatment leave was assessed for return to school (复学评估).</summary>
public sealed record ReturnToSchoolAssessed : IntegrationEvent
{
    public required Guid AssessmentId { get; init; }
    public required Guid StudentId { get; init; }
    /// <summary>returned | deferred</summary>
    public required string Outcome { get; init; }
}
