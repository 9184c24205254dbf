namespace XinYu.EndToEnd.Tests;

public static partial class AccessMatrix
{
    private static string[] ScreeningStaffReaders => ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher", "mentor"];
    private static string[] ScreeningCampaignReaders => ["bureau-admin", "bureau-officer", "school-admin", "counsellor"];
    private static string[] ScreeningSchoolCase => ["school-admin", "counsellor"];
    private static string[] ScreeningBureau => ["bureau-admin", "bureau-officer"];

    /// <summary>The screening service's endpoints (beyond those listed in AccessMatrix.cs) and who may call them.</summary>
    // A property, not a field: the table in AccessMatrix.cs reads it while initialising, whatever the file order.
    private static EndpointAccess[] Screening =>
    [
        new("GET", "/api/screening/instruments", ScreeningStaffReaders),
        new("GET", "/api/screening/instruments/{code}/versions/{version}", ScreeningStaffReaders),
        new("POST", "/api/screening/instruments", ["bureau-admin"], Invalid),
        new("POST", "/api/screening/campaigns", ["bureau-admin"], Invalid),
        new("GET", "/api/screening/campaigns", ScreeningCampaignReaders),
        new("GET", "/api/screening/campaigns/{campaignId}/progress", ScreeningCampaignReaders),
        new("GET", "/api/screening/campaigns/{campaignId}/report", ScreeningCampaignReaders),
        new("POST", "/api/screening/submissions", ScreeningSchoolCase, Invalid),
        new("GET", "/api/screening/students/{studentId}/submissions", ScreeningSchoolCase),
        new("POST", "/api/screening/observations", ["head-teacher", "mentor", "counsellor"], Invalid),
        new("GET", "/api/screening/observations/mine", ["head-teacher", "mentor", "counsellor"]),
        new("GET", "/api/screening/schools/{schoolId}/warnings", ScreeningSchoolCase),
        new("GET", "/api/screening/classes/{classId}/warnings", ["school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/screening/bureau/warnings", ScreeningBureau),
        new("GET", "/api/screening/warnings/{warningId}", ScreeningSchoolCase),
        new("POST", "/api/screening/warnings/{warningId}/acknowledge", ["head-teacher", "counsellor", "school-admin", "bureau-admin", "bureau-officer"]),
        new("GET", "/api/screening/schools/{schoolId}/registry", ScreeningSchoolCase),
        new("GET", "/api/screening/registry/counts", ScreeningBureau),
        new("POST", "/api/screening/students/{studentId}/plans", ScreeningSchoolCase, Invalid),
        new("GET", "/api/screening/students/{studentId}/plans", ScreeningSchoolCase),
        new("POST", "/api/screening/plans/{planId}/actions", ScreeningSchoolCase, Invalid),
        new("POST", "/api/screening/plans/{planId}/follow-ups", ScreeningSchoolCase, Invalid),
        new("POST", "/api/screening/plans/{planId}/follow-ups/{followUpId}/done", ScreeningSchoolCase, Invalid),
        new("POST", "/api/screening/plans/{planId}/reviews", ScreeningSchoolCase, Invalid),
        new("POST", "/api/screening/plans/{planId}/close", ScreeningSchoolCase, Invalid),
        new("GET", "/api/screening/schools/{schoolId}/overdue-follow-ups", ScreeningSchoolCase),
        new("POST", "/api/screening/students/{studentId}/return-assessments", ScreeningSchoolCase, Invalid),
        new("POST", "/api/screening/students/{studentId}/referrals", ["counsellor"], Invalid),
        new("GET", "/api/screening/students/{studentId}/referrals", ScreeningSchoolCase),
        new("GET", "/api/screening/referrals/inbox", [Partner]),
        new("GET", "/api/screening/referrals/{referralId}", [Partner]),
        new("POST", "/api/screening/referrals/{referralId}/accept", [Partner]),
        new("POST", "/api/screening/referrals/{referralId}/decline", [Partner]),
        new("POST", "/api/screening/referrals/{referralId}/feedback", [Partner], Invalid),
        new("GET", "/api/screening/crisis-export", [Partner]),
    ];
}
