namespace XinYu.EndToEnd.Tests;

public static partial class AccessMatrix
{
    /// <summary>The records service's endpoints (beyond those listed in AccessMatrix.cs) and who may call them.</summary>
    // A property, not a field: the table in AccessMatrix.cs reads it while initialising, whatever the file order.
    private static EndpointAccess[] Records =>
    [
        // Students, guardians and the roster (a JSON body is refused with 415: rosters are CSV or XLSX).
        new("POST", "/api/records/schools/{schoolId}/roster", ["bureau-admin", "school-admin"], Invalid)
        {
            // The school's own roster again: a re-import matches the student and changes nothing.
            ValidBody = (_, school) => new StringContent(school.Roster, System.Text.Encoding.UTF8, "text/csv"),
        },
        new("GET", "/api/records/schools/{schoolId}/students", ["school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/records/schools/{schoolId}/classes", ["school-admin", "counsellor"]),
        new("PUT", "/api/records/schools/{schoolId}/classes/{classId}/name", ["school-admin"], Invalid) { ValidBody = (_, _) => new { name = "七(1)班" } },
        new("POST", "/api/records/students/{studentId}/guardians", ["school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, _) => new { name = "林母", relation = "mother", phone = "13912345678" },
        },
        new("POST", "/api/records/students/{studentId}/leave", ["bureau-admin", "school-admin"], Invalid)
        {
            ValidBody = (_, _) => new { reason = "moved-out" }, Consumes = true,
        },
        // Guardian consent.
        new("POST", "/api/records/students/{studentId}/consents", ["school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => new
            {
                purpose = "screening", granted = true, guardianId = school.GuardianId, method = "paper", givenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            },
        },
        new("GET", "/api/records/students/{studentId}/consents", ["school-admin", "counsellor"]),
        // The file: sections narrow further by role inside the handler; notes need X-Purpose (400 without).
        new("GET", "/api/records/students/{studentId}/file", ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher"]),
        new("GET", "/api/records/students/{studentId}/print", ["bureau-admin", "bureau-officer", "school-admin", "counsellor", "head-teacher"]),
        new("POST", "/api/records/students/{studentId}/entries", ["counsellor"], Invalid)
        {
            ValidBody = (_, _) => new { section = "psychological-status", text = "情绪平稳" },
        },
        new("GET", "/api/records/students/{studentId}/counselling-notes", ["counsellor"]),
        // Hand-over inside the bureau (proposed by one school, accepted by the other), and the receipts.
        new("POST", "/api/records/students/{studentId}/hand-overs", ["bureau-admin", "school-admin", "counsellor"], Invalid)
        {
            // A release to school C: the caller acts for the holding school, or is on neither side (404).
            ValidBody = (seed, _) => new { toSchoolId = seed.SchoolC },
        },
        new("GET", "/api/records/schools/{schoolId}/hand-overs", ["bureau-admin", "school-admin", "counsellor"]),
        new("POST", "/api/records/hand-overs/{proposalId}/accept", ["bureau-admin", "school-admin", "counsellor"], Invalid)
        {
            // The seeded proposals are releases to school C, which only C accepts (naming its class): from A or B a 400.
            ValidBody = (_, school) => new { toClassId = school.ClassId },
        },
        new("POST", "/api/records/hand-overs/{proposalId}/decline", ["bureau-admin", "school-admin", "counsellor"]),
        new("GET", "/api/records/schools/{schoolId}/hand-over-receipts", ["bureau-admin", "school-admin", "counsellor"]),
        // The counselling room.
        new("POST", "/api/records/schools/{schoolId}/duty-slots", ["school-admin", "counsellor"], Invalid)
        {
            ValidBody = (_, school) => new { counsellorStaffId = school.StaffId, date = ScopeSeed.Today.AddDays(3), startsAt = "11:00", endsAt = "11:45" },
        },
        new("GET", "/api/records/schools/{schoolId}/duty-slots", ["school-admin", "counsellor", "head-teacher"]),
        // Takes the seeded slot off the rota (refused while its appointment holds it): last.
        new("POST", "/api/records/schools/{schoolId}/duty-slots/{slotId}/cancel", ["school-admin", "counsellor"]) { Consumes = true },
        new("POST", "/api/records/schools/{schoolId}/appointments", ["counsellor", "head-teacher"], Invalid)
        {
            ValidBody = (_, school) => new { dutySlotId = school.DutySlotId, studentId = school.StudentId, requestedFor = "student" },
        },
        new("GET", "/api/records/schools/{schoolId}/appointments", ["counsellor"]),
        new("POST", "/api/records/schools/{schoolId}/appointments/{appointmentId}/confirm", ["counsellor"]),
        new("POST", "/api/records/schools/{schoolId}/appointments/{appointmentId}/cancel", ["counsellor"]),
        new("POST", "/api/records/schools/{schoolId}/appointments/{appointmentId}/no-show", ["counsellor"]),
        new("POST", "/api/records/schools/{schoolId}/sessions", ["counsellor"], Invalid)
        {
            ValidBody = (_, school) => new
            {
                counsellorStaffId = school.StaffId, kind = "individual", heldOn = ScopeSeed.Today, durationMinutes = 45,
                studentIds = new[] { school.StudentId }, notes = "个体辅导",
            },
        },
        new("GET", "/api/records/schools/{schoolId}/sessions", ["counsellor"]),
        // Exchange with other bureaus (sealed, signed packages) and the bureau's figures.
        new("GET", "/api/records/exchange/keys", ["bureau-admin"]),
        new("PUT", "/api/records/exchange/partners/{partnerBureauId}", ["bureau-admin"], Invalid) { Reach = Reach.Anyone },
        // Four eyes: a second bureau admin approves a partner's registered keys before any export to them.
        // The seeded partner bureau has no registration awaiting approval (it takes another bureau admin's), so the
        // approve is 404 for it, as for any bureau nobody registered.
        new("POST", "/api/records/exchange/partners/{partnerBureauId}/approve", ["bureau-admin"]) { Reach = Reach.Anyone, NotReaching = ["bureau-admin"] },
        new("POST", "/api/records/students/{studentId}/export-package", ["bureau-admin"], Invalid),
        new("POST", "/api/records/exchange/imports", ["bureau-admin"], Invalid),
        new("GET", "/api/records/bureau/overview", ["bureau-admin", "bureau-officer"]),
    ];
}
