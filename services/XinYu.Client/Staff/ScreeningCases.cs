namespace XinYu.Client.Staff;

// A student's case in Screening (individual plans 一生一策, referrals over the green channel, the return to school 复学评估)
// as its API sends and takes them: the records mirror Screening's PlansApi and ReferralsApi exactly.

/// <summary>A plan's follow-up: <see cref="Kind"/> is "plan" or "return-to-school"; done when <see cref="DoneAt"/> is set.</summary>
public sealed record PlanFollowUp(Guid Id, DateOnly DueOn, string Kind, DateTimeOffset? DoneAt, string? Note);

public sealed record PlanReview(Guid Id, DateTimeOffset ReviewedAt, string Note, string? LevelAfter);

/// <summary>A plan (Screening's PlanView): status "open" or "closed"; <see cref="OnLeave"/> while the student is on treatment leave.</summary>
public sealed record InterventionPlan(Guid Id, Guid StudentId, Guid SchoolId, Guid OwnerStaffId, string Status, bool OnLeave, DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt, string? Outcome, IReadOnlyList<string> Actions, IReadOnlyList<PlanFollowUp> FollowUps, IReadOnlyList<PlanReview> Reviews);

/// <summary>Opening a plan: the person in charge (a staff id of the student's school), 1–50 actions, 1–50 follow-up dates.</summary>
public sealed record NewPlan(Guid? OwnerStaffId, IReadOnlyList<string> Actions, IReadOnlyList<DateOnly> FollowUps);

public sealed record NewFollowUp(DateOnly? DueOn);

public sealed record FollowUpDone(string? Note);

/// <summary>
/// An agency a counsellor may refer to (Screening's PartnerAgencyView): the id its partner client's tokens carry, and the
/// name and type its client was registered with (null for older clients: the form then shows the id).
/// </summary>
public sealed record PartnerAgency(string AgencyId, string? Name = null, string? AgencyType = null)
{
    public string Label => Name ?? AgencyId;
}

/// <summary>Making a referral: the agency, a reason code (self-harm-risk, depression, …) and the reason's text (never shown to the hospital).</summary>
public sealed record NewReferral(string? AgencyId, string? ReasonCode, string? ReasonText);

/// <summary>The hospital's answer: kind seen (seenOn), recommendation (a code), treatment-leave (leaveFrom, leaveUntil).</summary>
public sealed record HospitalFeedback(string Kind, DateOnly? SeenOn, string? Recommendation, DateOnly? LeaveFrom, DateOnly? LeaveUntil, DateTimeOffset ReceivedAt);

/// <summary>What the hospital sees of a referral: status "sent", "accepted" or "declined", and its feedback.</summary>
public sealed record PartnerReferral(Guid ReferralId, Guid StudentId, Guid SchoolId, string ReasonCode, DateTimeOffset ReferredAt,
    string Status, DateTimeOffset? AnsweredAt, IReadOnlyList<HospitalFeedback> Feedback);

/// <summary>The school's view of a referral (Screening's ReferralView): the hospital's part, the agency and the reason's text.</summary>
public sealed record StudentReferral(PartnerReferral Referral, string AgencyId, string? ReasonText);

/// <summary>The Stanley–Brown safety plan's six steps, in order.</summary>
public sealed record SafetyPlan(string? WarningSigns, string? InternalCoping, string? SocialDistractions, string? PeopleToAsk,
    string? ProfessionalsAndCrisisLines, string? MeansSafety);

/// <summary>The return-to-school assessment: outcome "returned" (needs the documents and every step) or "deferred".</summary>
public sealed record NewReturnAssessment(bool? HospitalDocumentsReceived, SafetyPlan? SafetyPlan, string? Outcome, DateOnly? FirstFollowUpOn);

/// <summary>The assessment recorded, with the check-ins a return added to the plan.</summary>
public sealed record ReturnAssessment(Guid Id, Guid StudentId, Guid PlanId, string Outcome, IReadOnlyList<DateOnly> FollowUps);
