namespace XinYu.EndToEnd.Tests;

public static partial class AccessMatrix
{
    /// <summary>The liaison service's endpoints (beyond those listed in AccessMatrix.cs) and who may call them.</summary>
    // A property, not a field: the table in AccessMatrix.cs reads it while initialising, whatever the file order.
    private static EndpointAccess[] Liaison =>
    [
        // Home visits (全员家访): the head teacher plans and records for their class; the school's counsellor and admin for the school.
        new("POST", "/api/liaison/classes/{classId}/visit-plans", ["school-admin", "head-teacher"], Invalid)
        {
            ValidBody = (_, school) => new { visits = new[] { new { studentId = school.StudentId, plannedOn = ScopeSeed.Today.AddDays(7) } } },
        },
        new("GET", "/api/liaison/classes/{classId}/visit-plans", ["school-admin", "counsellor", "head-teacher"]),
        new("POST", "/api/liaison/students/{studentId}/home-visits", ["school-admin", "counsellor", "head-teacher"], Invalid)
        {
            ValidBody = (_, school) => HomeVisit(school),
        },
        new("GET", "/api/liaison/students/{studentId}/home-visits", ["school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/liaison/home-visits/{visitId}", ["school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/liaison/classes/{classId}/home-visits/coverage", ["school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/liaison/schools/{schoolId}/home-visits/coverage", ["bureau-admin", "bureau-officer", "school-admin", "counsellor"]),
        new("GET", "/api/liaison/home-visits/coverage", ["bureau-admin", "bureau-officer"]),
        new("GET", "/api/liaison/schools/{schoolId}/overdue", ["school-admin", "counsellor", "head-teacher"]),
        // Special home visits (特殊家访) and guardian notifications, created by screening's events.
        new("GET", "/api/liaison/schools/{schoolId}/special-visits", ["school-admin", "counsellor", "head-teacher"]),
        new("POST", "/api/liaison/special-visits/{specialVisitId}/visit", ["school-admin", "counsellor", "head-teacher"], Invalid)
        {
            ValidBody = (_, school) => new
            {
                visitedOn = ScopeSeed.Today, visitorStaffIds = new[] { school.StaffId }, met = new[] { "mother" }, topics = new[] { "safety" },
                notes = "特殊家访", guardianInformed = true, guardianSeeksTreatment = true, guardianEnsuresSafety = true,
            },
        },
        new("GET", "/api/liaison/schools/{schoolId}/guardian-notifications", ["school-admin", "counsellor"]),
        new("POST", "/api/liaison/guardian-notifications/{notificationId}/record", ["school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, _) => new { method = "phone", informedAt = DateTimeOffset.UtcNow.AddMinutes(-1) },
        },
        // Parent meetings (家长会) and parent school (家长学校).
        new("POST", "/api/liaison/schools/{schoolId}/parent-activities", ["school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => new { kind = "parent-school", title = "家长学校", heldOn = ScopeSeed.Today, mentalHealth = true, classIds = new[] { school.ClassId } },
        },
        new("POST", "/api/liaison/parent-activities/{activityId}/attendance", ["school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => new { classes = new[] { new { classId = school.ClassId, attended = 20 } } },
        },
        new("GET", "/api/liaison/schools/{schoolId}/parent-activities", ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/liaison/parent-activities/coverage", ["bureau-admin", "bureau-officer"]),
        // The joint mechanism (家校社医协同): a partner reads only the joint cases shared with its agency.
        new("POST", "/api/liaison/agencies", ["bureau-admin"], Invalid),
        new("GET", "/api/liaison/agencies", ["bureau-admin", "bureau-officer", "school-admin", "counsellor"]),
        new("POST", "/api/liaison/joint-meetings", ["bureau-admin", "bureau-officer"], Invalid),
        new("GET", "/api/liaison/joint-meetings", ["bureau-admin", "bureau-officer"]),
        new("POST", "/api/liaison/joint-cases", ["school-admin", "counsellor"], Invalid)
        {
            BodyScoped = true, ValidBody = (_, school) => new { studentId = school.StudentId, summary = "联合个案", sharedWith = new[] { school.Agency } },
        },
        new("POST", "/api/liaison/joint-cases/{caseId}/share", ["school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => new { agencyIds = new[] { school.Agency } },
        },
        new("GET", "/api/liaison/joint-cases", ["school-admin", "counsellor", Partner]),
        new("GET", "/api/liaison/joint-cases/{caseId}", ["school-admin", "counsellor", Partner]),
    ];

    private static object HomeVisit(SchoolSeed school) => new
    {
        visitedOn = ScopeSeed.Today, visitorStaffIds = new[] { school.StaffId }, met = new[] { "mother" }, topics = new[] { "study" }, notes = "家访",
    };
}
