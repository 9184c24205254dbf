using Microsoft.EntityFrameworkCore;
using Npgsql;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Staffing.Apis;

/// <summary>The staffing service's public API, under /api/staffing (the gateway routes it there).</summary>
public static class StaffingApi
{
    public static IEndpointRouteBuilder MapStaffingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staffing").WithTags("Staffing").ProducesProblems();
        // The domain names the field a rule refuses; the suite's problem details turn that into a 400 naming it.
        api.AddEndpointFilter(async (context, next) =>
        {
            try { return await next(context); }
            catch (DirectoryRuleException e) { throw new RequestRejectedException(e.Field, e.Message); }
        });
        api.MapSchoolsApi();
        api.MapClassesApi();
        api.MapStaffApi();
        api.MapDirectoryLoadApi();
        api.MapCertificatesApi();
        api.MapComplianceApi();
        api.MapTrainingApi();
        api.MapWorkloadApi();
        api.MapLessonsAndMentorsApi();
        api.MapSupervisionApi();
        return app;
    }


    /// <summary>
    /// The school, if the caller may reach it: bureau staff their bureau's schools, school staff their own school.
    /// Another bureau's or school's school is answered as missing, so its existence is not revealed.
    /// </summary>
    internal static async Task<School?> ReachableSchoolAsync(this StaffingDbContext db, HttpContext http, Guid schoolId)
    {
        var school = await db.Schools.FindAsync([schoolId], http.RequestAborted);
        return school is not null && CallerScope.From(http.User).CanReachSchool(school.BureauId, school.Id) ? school : null;
    }

    /// <summary>Saves the change and its outbox rows in one transaction; a unique key lost to a concurrent request is a 409.</summary>
    internal static Task SaveDirectoryAsync(this StaffingDbContext db, CancellationToken ct) =>
        db.SaveOrConflictAsync(constraint => constraint switch
        {
            "ix_class_assignments_one_head_teacher" => ("kind", "The class already has a head teacher (班主任)."),
            "IX_class_assignments_class_id_staff_id_kind" => ("staffId", "The staff member is already assigned this way."),
            _ => ("code", "A school with this code exists in the bureau."),
        }, ct);

    /// <summary>A staff member of <paramref name="school"/>; another school's (or a research staff member) reads as missing.</summary>
    internal static Task<StaffMember?> StaffOfSchoolAsync(this StaffingDbContext db, School school, Guid staffId, CancellationToken ct) =>
        db.Staff.SingleOrDefaultAsync(s => s.Id == staffId && s.SchoolId == school.Id, ct);

    /// <summary>The caller's bureau; the figures endpoints are bureau roles', whose tokens always name one.</summary>
    internal static Guid CallerBureau(HttpContext http) => CallerScope.From(http.User).BureauId
        ?? throw new RequestRejectedException("bureau", "The caller's token names no bureau.", StatusCodes.Status403Forbidden);

}

/// <summary>Who may call what (docs/access-matrix.md).</summary>
internal static class DirectoryRoles
{
    public static readonly string[] BureauManagers = [XinYuRoles.BureauAdmin];
    public static readonly string[] BureauReaders = [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer];
    public static readonly string[] SchoolManagers = [XinYuRoles.SchoolAdmin];
    /// <summary>A school's own staff read its details and classes; bureau staff read every school of their bureau.</summary>
    public static readonly string[] SchoolReaders =
        [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher, XinYuRoles.Mentor];
    /// <summary>Staff lists name people: only those who manage or supervise the school's staffing.</summary>
    public static readonly string[] StaffReaders = [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin];
}
