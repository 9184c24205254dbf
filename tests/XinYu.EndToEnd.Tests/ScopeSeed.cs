namespace XinYu.EndToEnd.Tests;

/// <summary>
/// Real objects of one school, made through the public API as its staff would make them: what every id-taking
/// endpoint of the access matrix is called with. <see cref="Route"/> names them by route parameter.
/// </summary>
public sealed record SchoolSeed(
    string Name, Guid SchoolId, Guid ClassId, Guid StaffId, Guid StudentId, Guid GuardianId, string Roster, Guid DutySlotId,
    Guid AppointmentId, Guid CampaignId, Guid WarningId, Guid PlanId, Guid FollowUpId, Guid ReferralId, Guid VisitId,
    Guid SpecialVisitId, Guid NotificationId, Guid ActivityId, Guid CaseId, Guid EventId, Guid ProposalId, Guid AdminFeedId, string Agency,
    Guid AccountId, Guid AnswerCodeId)
{
    /// <summary>The school's object for each route parameter name the matrix uses.</summary>
    public IReadOnlyDictionary<string, Guid> Route => new Dictionary<string, Guid>(StringComparer.Ordinal)
    {
        ["schoolId"] = SchoolId, ["classId"] = ClassId, ["staffId"] = StaffId, ["studentId"] = StudentId,
        ["appointmentId"] = AppointmentId, ["campaignId"] = CampaignId, ["warningId"] = WarningId, ["planId"] = PlanId,
        ["followUpId"] = FollowUpId, ["referralId"] = ReferralId, ["visitId"] = VisitId, ["specialVisitId"] = SpecialVisitId,
        ["notificationId"] = NotificationId, ["activityId"] = ActivityId, ["caseId"] = CaseId, ["eventId"] = EventId,
        ["proposalId"] = ProposalId, ["feedId"] = AdminFeedId, ["accountId"] = AccountId,
        ["codeId"] = AnswerCodeId, ["slotId"] = DutySlotId,
    };

    public override string ToString() => Name;
}

/// <summary>
/// What the scope test of the access matrix runs against, built once per run through the gateway: two schools (A and B)
/// of one bureau with everything <see cref="SchoolSeed"/> names, a third school (C) that receives hand-overs, an
/// account for every role in school A (head teacher and mentor: school A's class), a partner client whose agency
/// school A's referral and joint case are addressed to, and each caller's own calendar feed.
/// A second bureau is not seeded: the model has no way to make one through the API (the identity service's
/// bootstrap-admin command creates the first bureau admin only, and every account or school an admin creates is
/// in the admin's own bureau).
/// </summary>
public sealed partial record ScopeSeed(
    SchoolSeed A, SchoolSeed B, Guid SchoolC, IReadOnlyDictionary<string, string?> Tokens, IReadOnlyDictionary<string, Guid> OwnFeeds,
    string FeedToken, Guid PartnerBureauId, string TargetClientId)
{
    public const string PartnerAgency = "matrix-h-1";
    public const string OtherAgency = "matrix-h-2";
    public const string Purpose = "access matrix (e2e)";

    /// <summary>Route parameters that name no school's object: every allowed caller reaches the same value.</summary>
    public IReadOnlyDictionary<string, string> Shared => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["code"] = "phq-9", ["version"] = "1", ["token"] = FeedToken, ["partnerBureauId"] = PartnerBureauId.ToString(),
        ["clientId"] = TargetClientId,
    };

    /// <summary>Every route parameter name the seed fills (the table test checks that each row's are among them).</summary>
    public static IReadOnlySet<string> ParameterNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "schoolId", "classId", "staffId", "studentId", "appointmentId", "campaignId", "warningId", "planId", "followUpId",
        "referralId", "visitId", "specialVisitId", "notificationId", "activityId", "caseId", "eventId", "proposalId", "feedId",
        "code", "version", "token", "partnerBureauId", "accountId", "clientId", "codeId", "slotId",
    };

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The school year today belongs to (its first calendar year), which the seed gives its terms.</summary>
    public static int SchoolYear => Today.Month >= 8 ? Today.Year : Today.Year - 1;
}
