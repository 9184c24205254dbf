namespace XinYu.EndToEnd.Tests;

public static partial class AccessMatrix
{
    private static string[] ScreeningStaffReaders => ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher", "mentor"];
    private static string[] ScreeningCampaignReaders => ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher"];
    private static string[] ScreeningReportReaders => ["bureau-admin", "bureau-officer", "school-admin", "counsellor"];
    private static string[] ScreeningSchoolCase => ["school-admin", "counsellor"];
    private static string[] ScreeningBureau => ["bureau-admin", "bureau-officer"];
    private static string[] ScreeningCodeIssuers => ["school-admin", "counsellor", "head-teacher"];

    /// <summary>The screening service's endpoints (beyond those listed in AccessMatrix.cs) and who may call them.</summary>
    // A property, not a field: the table in AccessMatrix.cs reads it while initialising, whatever the file order.
    private static EndpointAccess[] Screening =>
    [
        new("GET", "/api/screening/instruments", ScreeningStaffReaders),
        new("GET", "/api/screening/instruments/{code}/versions/{version}", ScreeningStaffReaders) { Reach = Reach.Anyone },
        new("POST", "/api/screening/instruments", ["bureau-admin"], Invalid),
        new("POST", "/api/screening/campaigns", ["bureau-admin"], Invalid),
        new("GET", "/api/screening/campaigns", ScreeningCampaignReaders),
        new("GET", "/api/screening/campaigns/{campaignId}/progress", ScreeningCampaignReaders),
        new("GET", "/api/screening/campaigns/{campaignId}/report", ScreeningReportReaders),
        new("POST", "/api/screening/submissions", ScreeningSchoolCase, Invalid)
        {
            // Another school's student in the body is a 400 naming studentId, the answer for an unknown student.
            BodyScoped = true, ForeignStatus = 400,
            ValidBody = (_, school) => new
            {
                submissionId = Guid.NewGuid(), studentId = school.StudentId, instrumentCode = "phq-9", instrumentVersion = 1, answers = new int[9],
            },
        },
        new("GET", "/api/screening/students/{studentId}/submissions", ScreeningSchoolCase),
        // Answer codes: the class's head teacher (own classes) and the school's counsellor and admin issue and manage them.
        new("POST", "/api/screening/campaigns/{campaignId}/classes/{classId}/answer-codes", ScreeningCodeIssuers),
        new("GET", "/api/screening/campaigns/{campaignId}/classes/{classId}/answer-codes", ScreeningCodeIssuers),
        // Revoking or reissuing uses the code up: made for real, so a second caller is told 409 (already revoked).
        new("POST", "/api/screening/answer-codes/{codeId}/revoke", ScreeningCodeIssuers) { Consumes = true },
        new("POST", "/api/screening/answer-codes/{codeId}/reissue", ScreeningCodeIssuers) { Consumes = true },
        // A student has no account: the code in the body is the credential, so every caller reaches these (and the
        // invalid body is a 400 about the code or the submission id, never 401/403).
        new("POST", "/api/screening/answer-codes/redeem", [.. Callers], Invalid),
        new("POST", "/api/screening/answer-codes/submissions", [.. Callers], Invalid),
        new("POST", "/api/screening/observations", ["head-teacher", "mentor", "counsellor"], Invalid)
        {
            BodyScoped = true, ForeignStatus = 400, ValidBody = (_, school) => new { studentId = school.StudentId, level = "attention", note = "课堂上情绪低落" },
        },
        new("GET", "/api/screening/observations/mine", ["head-teacher", "mentor", "counsellor"]),
        new("GET", "/api/screening/schools/{schoolId}/warnings", ScreeningSchoolCase),
        new("GET", "/api/screening/classes/{classId}/warnings", ["school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/screening/bureau/warnings", ScreeningBureau),
        new("GET", "/api/screening/warnings/{warningId}", ScreeningSchoolCase),
        new("POST", "/api/screening/warnings/{warningId}/acknowledge", ["head-teacher", "counsellor", "school-admin", "bureau-admin", "bureau-officer"])
        {
            // The seeded warning is at class tier: the bureau acknowledges bureau-tier warnings only, so it is not theirs.
            NotReaching = ScreeningBureau,
        },
        // Moves the seeded warning up a tier (it is acknowledged by then, so the reached calls answer 409): last.
        new("POST", "/api/screening/warnings/{warningId}/escalate", ["head-teacher", "counsellor", "school-admin"]) { Consumes = true },
        new("GET", "/api/screening/schools/{schoolId}/registry", ScreeningSchoolCase),
        new("GET", "/api/screening/registry/counts", ScreeningBureau),
        new("POST", "/api/screening/students/{studentId}/plans", ScreeningSchoolCase, Invalid)
        {
            ValidBody = (_, school) => new { ownerStaffId = school.StaffId, actions = new[] { "每周心理辅导" }, followUps = new[] { ScopeSeed.Today.AddDays(14) } },
        },
        new("GET", "/api/screening/students/{studentId}/plans", ScreeningSchoolCase),
        new("POST", "/api/screening/plans/{planId}/actions", ScreeningSchoolCase, Invalid) { ValidBody = (_, _) => new { text = "与家长沟通" } },
        new("POST", "/api/screening/plans/{planId}/follow-ups", ScreeningSchoolCase, Invalid) { ValidBody = (_, _) => new { dueOn = ScopeSeed.Today.AddDays(21) } },
        new("POST", "/api/screening/plans/{planId}/follow-ups/{followUpId}/done", ScreeningSchoolCase, Invalid) { ValidBody = (_, _) => new { note = "已随访" } },
        new("POST", "/api/screening/plans/{planId}/reviews", ScreeningSchoolCase, Invalid) { ValidBody = (_, _) => new { note = "阶段评估" } },
        new("POST", "/api/screening/plans/{planId}/close", ScreeningSchoolCase, Invalid) { ValidBody = (_, _) => new { outcome = "improved" }, Consumes = true },
        new("GET", "/api/screening/schools/{schoolId}/overdue-follow-ups", ScreeningSchoolCase),
        new("POST", "/api/screening/students/{studentId}/return-assessments", ScreeningSchoolCase, Invalid)
        {
            ValidBody = (_, _) => new
            {
                hospitalDocumentsReceived = true, outcome = "returned",
                safetyPlan = new
                {
                    warningSigns = "失眠", internalCoping = "听音乐", socialDistractions = "打球", peopleToAsk = "班主任",
                    professionalsAndCrisisLines = "学校心理老师；12356", meansSafety = "家长保管药品",
                },
            },
        },
        new("POST", "/api/screening/students/{studentId}/referrals", ["counsellor"], Invalid)
        {
            ValidBody = (_, school) => new { agencyId = school.Agency, reasonCode = "depression", reasonText = "复查" },
        },
        // The referring counsellor chooses the agency from this list: ids of its own bureau only, no school data.
        new("GET", "/api/screening/partner-agencies", ["counsellor"]),
        new("GET", "/api/screening/students/{studentId}/referrals", ScreeningSchoolCase),
        new("GET", "/api/screening/referrals/inbox", [Partner]),
        new("GET", "/api/screening/referrals/{referralId}", [Partner]),
        new("POST", "/api/screening/referrals/{referralId}/accept", [Partner]),
        new("POST", "/api/screening/referrals/{referralId}/decline", [Partner]),
        new("POST", "/api/screening/referrals/{referralId}/feedback", [Partner], Invalid) { ValidBody = (_, _) => new { kind = "seen", seenOn = ScopeSeed.Today } },
        new("GET", "/api/screening/crisis-export", [Partner]),
    ];
}
