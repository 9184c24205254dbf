namespace XinYu.EndToEnd.Tests;

public static partial class AccessMatrix
{
    /// <summary>The staffing service's endpoints (beyond those listed in AccessMatrix.cs) and who may call them.</summary>
    // A property, not a field: the table in AccessMatrix.cs reads it while initialising, whatever the file order.
    private static EndpointAccess[] Staffing =>
    [
        // Certificates: the school admin records them; the school's admin and bureau staff read them and the coverage.
        new("POST", "/api/staffing/schools/{schoolId}/staff/{staffId}/certificates", ["school-admin"], Invalid)
        {
            ValidBody = (_, _) => new { kind = "c-certificate", issuedOn = ScopeSeed.Today.AddDays(-30), expiresOn = ScopeSeed.Today.AddYears(3) },
        },
        new("GET", "/api/staffing/schools/{schoolId}/certificates", [.. StaffingFigureReaders]),
        new("GET", "/api/staffing/schools/{schoolId}/certificates/coverage", [.. StaffingFigureReaders]),
        new("GET", "/api/staffing/certificates/coverage", ["bureau-admin", "bureau-officer"]),
        // Staffing compliance.
        new("GET", "/api/staffing/compliance", ["bureau-admin", "bureau-officer"]),
        new("GET", "/api/staffing/schools/{schoolId}/compliance", [.. StaffingFigureReaders]),
        // Training hours.
        new("POST", "/api/staffing/schools/{schoolId}/staff/{staffId}/training", ["school-admin"], Invalid)
        {
            ValidBody = (_, _) => new { course = "心理健康教育", provider = "市教育局", hours = 8, completedOn = ScopeSeed.Today.AddDays(-1), evidenceReference = "培训证明" },
        },
        new("GET", "/api/staffing/schools/{schoolId}/training", [.. StaffingFigureReaders]),
        new("GET", "/api/staffing/schools/{schoolId}/training/records", [.. StaffingFigureReaders]),
        new("GET", "/api/staffing/training", ["bureau-admin", "bureau-officer"]),
        // Workload: the school's table for its admin and the bureau; a counsellor their own, through their linked account.
        new("GET", "/api/staffing/terms", [.. StaffingFigureReaders, "counsellor"]),
        new("GET", "/api/staffing/schools/{schoolId}/workload", [.. StaffingFigureReaders]),
        new("GET", "/api/staffing/me/workload", ["counsellor"]),
        new("PUT", "/api/staffing/schools/{schoolId}/staff/{staffId}/account", ["school-admin"], Invalid)
        {
            // Only an account of the school itself (Identity's StaffAccountCreated): the school's seeded account.
            ValidBody = (_, school) => new { accountSubject = school.AccountId.ToString() },
        },
        // Psych lessons per class, and the mentor grid (student ids only).
        new("GET", "/api/staffing/schools/{schoolId}/lessons", [.. StaffingFigureReaders, "counsellor"]),
        new("GET", "/api/staffing/schools/{schoolId}/mentor-grid", [.. StaffingFigureReaders]),
        new("PUT", "/api/staffing/schools/{schoolId}/mentors/{staffId}/students", ["school-admin"], Invalid)
        {
            ValidBody = (_, school) => new { studentIds = new[] { school.StudentId } },
        },
        // Supervision figures (督导) and their exports.
        new("GET", "/api/staffing/supervision", ["bureau-admin", "bureau-officer"]),
        new("GET", "/api/staffing/supervision/export.csv", ["bureau-admin", "bureau-officer"]),
        new("GET", "/api/staffing/supervision/export.xlsx", ["bureau-admin", "bureau-officer"]),
        new("GET", "/api/staffing/schools/{schoolId}/supervision", [.. StaffingFigureReaders]),
    ];

    /// <summary>A school's staffing figures: its own admin, and the bureau's staff for every school of the bureau.</summary>
    private static string[] StaffingFigureReaders => ["bureau-admin", "bureau-officer", "school-admin"];
}
