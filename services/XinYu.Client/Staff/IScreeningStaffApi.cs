using Refit;

namespace XinYu.Client.Staff;

/// <summary>
/// Screening's API as the staff web app calls it through the gateway, with the signed-in member of staff's token
/// (the web app adds it). The API decides what the caller may see; this interface only names the calls.
/// </summary>
public interface IScreeningStaffApi
{
    /// <summary>The school's warnings, newest first: open ones unless <paramref name="includeAcknowledged"/>.</summary>
    [Get("/api/screening/schools/{schoolId}/warnings")]
    Task<IReadOnlyList<WarningSummary>> SchoolWarningsAsync(Guid schoolId, bool? includeAcknowledged = null, CancellationToken ct = default);

    /// <summary>The caller takes the warning on: it stops escalating (a warning at another tier than the caller's is 404).</summary>
    [Post("/api/screening/warnings/{warningId}/acknowledge")]
    Task<WarningSummary> AcknowledgeWarningAsync(Guid warningId, CancellationToken ct = default);

    /// <summary>
    /// Moves an open warning one tier up now (class → school → bureau), as the sweep would at the deadline; 409 naming
    /// <c>warningId</c> once acknowledged, 404 outside the caller's tier.
    /// </summary>
    [Post("/api/screening/warnings/{warningId}/escalate")]
    Task<WarningSummary> EscalateWarningAsync(Guid warningId, CancellationToken ct = default);

    /// <summary>What the caller saw of a student: raises a new warning at the level observed.</summary>
    [Post("/api/screening/observations")]
    Task<RaisedWarning> ObserveAsync([Body] ObservationRequest request, CancellationToken ct = default);

    /// <summary>The campaigns naming the caller's school (the bureau's staff: all of the bureau), latest window first.</summary>
    [Get("/api/screening/campaigns")]
    Task<IReadOnlyList<CampaignSummary>> CampaignsAsync(CancellationToken ct = default);

    /// <summary>Invited and completed per school and class, and the classes behind the window's pace.</summary>
    [Get("/api/screening/campaigns/{campaignId}/progress")]
    Task<CampaignProgress> CampaignProgressAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>The class's answer codes as states (issued, used, revoked, expired, locked): never the codes.</summary>
    [Get("/api/screening/campaigns/{campaignId}/classes/{classId}/answer-codes")]
    Task<IReadOnlyList<AnswerCodeStatus>> AnswerCodesAsync(Guid campaignId, Guid classId, CancellationToken ct = default);

    /// <summary>One code for each student of the class who holds none: the codes are in this answer only.</summary>
    [Post("/api/screening/campaigns/{campaignId}/classes/{classId}/answer-codes")]
    Task<IssuedAnswerCodes> IssueAnswerCodesAsync(Guid campaignId, Guid classId, CancellationToken ct = default);

    [Post("/api/screening/answer-codes/{codeId}/revoke")]
    Task<AnswerCodeStatus> RevokeAnswerCodeAsync(Guid codeId, CancellationToken ct = default);

    /// <summary>A lost slip: the old code stops working and the student gets a new one, shown in this answer only.</summary>
    [Post("/api/screening/answer-codes/{codeId}/reissue")]
    Task<IssuedAnswerCode> ReissueAnswerCodeAsync(Guid codeId, CancellationToken ct = default);

    // A student's case (records in ScreeningCases.cs).

    /// <summary>The student's plans, newest first, with their follow-ups (a student of another school is 404).</summary>
    [Get("/api/screening/students/{studentId}/plans")]
    Task<IReadOnlyList<InterventionPlan>> PlansAsync(Guid studentId, CancellationToken ct = default);

    /// <summary>Opens the student's plan: one open plan per student (409 naming studentId).</summary>
    [Post("/api/screening/students/{studentId}/plans")]
    Task<InterventionPlan> OpenPlanAsync(Guid studentId, [Body] NewPlan plan, CancellationToken ct = default);

    [Post("/api/screening/plans/{planId}/follow-ups")]
    Task<InterventionPlan> AddFollowUpAsync(Guid planId, [Body] NewFollowUp followUp, CancellationToken ct = default);

    /// <summary>A follow-up done, with a note (already done: 409 naming followUpId).</summary>
    [Post("/api/screening/plans/{planId}/follow-ups/{followUpId}/done")]
    Task<InterventionPlan> FollowUpDoneAsync(Guid planId, Guid followUpId, [Body] FollowUpDone done, CancellationToken ct = default);

    /// <summary>The agencies of the caller's bureau a referral may go to (counsellors).</summary>
    [Get("/api/screening/partner-agencies")]
    Task<IReadOnlyList<PartnerAgency>> PartnerAgenciesAsync(CancellationToken ct = default);

    /// <summary>The student's referrals, newest first, with the hospitals' answers.</summary>
    [Get("/api/screening/students/{studentId}/referrals")]
    Task<IReadOnlyList<StudentReferral>> ReferralsAsync(Guid studentId, CancellationToken ct = default);

    /// <summary>Refers the student (needs referral consent: 400 naming studentId; an agency without an enabled client: 400 naming agencyId).</summary>
    [Post("/api/screening/students/{studentId}/referrals")]
    Task<StudentReferral> ReferAsync(Guid studentId, [Body] NewReferral referral, CancellationToken ct = default);

    /// <summary>The return-to-school assessment (needs an open plan: 400 naming studentId).</summary>
    [Post("/api/screening/students/{studentId}/return-assessments")]
    Task<ReturnAssessment> AssessReturnAsync(Guid studentId, [Body] NewReturnAssessment assessment, CancellationToken ct = default);
}

/// <summary>
/// A warning in a queue: ids, level, tier and status (Screening's WarningView); never the observation's text.
/// <see cref="EscalatesAt"/>: when it moves up a tier unless acknowledged first (null when acknowledged or at the bureau).
/// </summary>
public sealed record WarningSummary(Guid Id, Guid StudentId, Guid SchoolId, Guid ClassId, string Level, string Source, string Tier,
    DateTimeOffset TierSince, DateTimeOffset RaisedAt, string Status, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EscalatesAt = null);

public sealed record ObservationRequest(Guid StudentId, string Level, string Note);

/// <summary>The warning an observation raised: its status, nothing else (Screening's RaisedWarningStatus).</summary>
public sealed record RaisedWarning(Guid Id, Guid StudentId, string Level, string Tier, string Status, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt);

/// <summary>A campaign (普测) as Screening's CampaignView: instruments as <c>code@version</c>, window in school dates.</summary>
public sealed record CampaignSummary(Guid Id, string Name, IReadOnlyList<string> Instruments, IReadOnlyList<Guid> SchoolIds,
    IReadOnlyList<int> Grades, DateOnly WindowStart, DateOnly WindowEnd, string? Explanation);

public sealed record ClassProgress(Guid ClassId, int Grade, int Invited, int Completed, bool Behind);

public sealed record SchoolProgress(Guid SchoolId, int Invited, int Completed, IReadOnlyList<ClassProgress> Classes);

public sealed record CampaignProgress(Guid CampaignId, DateOnly WindowStart, DateOnly WindowEnd, int Invited, int Completed,
    IReadOnlyList<SchoolProgress> Schools, IReadOnlyList<Guid> ClassesBehind);

/// <summary>A code's state, never the code (Screening's AnswerCodeView).</summary>
public sealed record AnswerCodeStatus(Guid CodeId, Guid StudentId, string Status, DateTimeOffset IssuedAt, DateTimeOffset? UsedAt, DateTimeOffset? RevokedAt);

/// <summary>A code as issued: for the printed slip, this once.</summary>
public sealed record IssuedAnswerCode(Guid CodeId, Guid StudentId, string Code);

public sealed record IssuedAnswerCodes(Guid CampaignId, Guid ClassId, IReadOnlyList<IssuedAnswerCode> Codes, int AlreadyHolding);
