namespace XinYu.Screening.Domain;

/// <summary>An individual plan (一生一策, 一人一表、专人专案): a named owner, actions, follow-ups, reviews. One open per student.</summary>
public sealed class InterventionPlan
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid StudentId { get; set; }
    public Guid OwnerStaffId { get; set; }
    /// <summary>open | closed</summary>
    public string Status { get; set; } = "open";
    /// <summary>True while the student is on treatment leave: the plan waits for the return assessment.</summary>
    public bool OnLeave { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public List<PlanAction> Actions { get; set; } = [];
    public List<PlanFollowUp> FollowUps { get; set; } = [];
    public List<PlanReview> Reviews { get; set; } = [];
}

public sealed class PlanAction
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    /// <summary>Encrypted at rest.</summary>
    public string Text { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
}

public sealed class PlanFollowUp
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    /// <summary>Encrypted at rest.</summary>
    public string? Note { get; set; }
    /// <summary>plan | return-to-school</summary>
    public string Kind { get; set; } = "plan";
    /// <summary>When the sweep raised a warning because this follow-up was overdue (once per follow-up).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }
}

public sealed class PlanReview
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public string ReviewedBy { get; set; } = "";
    /// <summary>Encrypted at rest.</summary>
    public string Note { get; set; } = "";
    public string? LevelAfter { get; set; }
}

/// <summary>A referral over the green channel to a partner hospital (转介).</summary>
public sealed class Referral
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid StudentId { get; set; }
    public string AgencyId { get; set; } = "";
    public string ReasonCode { get; set; } = "";
    /// <summary>Encrypted at rest; never shown to the hospital.</summary>
    public string? ReasonText { get; set; }
    /// <summary>sent | accepted | declined</summary>
    public string Status { get; set; } = "sent";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? AnsweredAt { get; set; }
    public List<ReferralFeedback> Feedback { get; set; } = [];
}

/// <summary>What the hospital reported: seen (on a date), a recommendation (a code), treatment leave (from, until).</summary>
public sealed class ReferralFeedback
{
    public Guid Id { get; set; }
    public Guid ReferralId { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly? SeenOn { get; set; }
    public string? Recommendation { get; set; }
    public DateOnly? LeaveFrom { get; set; }
    public DateOnly? LeaveUntil { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>A return-to-school assessment (复学评估) after treatment leave.</summary>
public sealed class ReturnAssessment
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid StudentId { get; set; }
    public Guid PlanId { get; set; }
    public bool HospitalDocumentsReceived { get; set; }
    /// <summary>The Stanley–Brown safety plan as JSON; encrypted at rest.</summary>
    public string SafetyPlan { get; set; } = "";
    /// <summary>returned | deferred</summary>
    public string Outcome { get; set; } = "";
    public DateTimeOffset AssessedAt { get; set; }
    public string AssessedBy { get; set; } = "";
}
