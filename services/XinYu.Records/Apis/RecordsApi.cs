using Microsoft.EntityFrameworkCore;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Records.Apis;

/// <summary>The records service's public API, under /api/records (the gateway routes it there).</summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/records").WithTags("Records").ProducesProblems();
        api.MapStudentsApi();
        api.MapConsentApi();
        api.MapFileApi();
        api.MapHandOverApi();
        api.MapCounsellingRoomApi();
        api.MapExchangeApi();
        api.MapBureauApi();
        return app;
    }


    internal static CallerScope Caller(this HttpContext http) => CallerScope.From(http.User);

    /// <summary>A known school of the caller's bureau that the caller reaches; otherwise null (answered as 404).</summary>
    internal static async Task<KnownSchool?> ReachableSchoolAsync(this RecordsDbContext db, HttpContext http, Guid schoolId)
    {
        var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.SchoolId == schoolId, http.RequestAborted);
        return school is not null && http.Caller().CanReachSchool(school.BureauId, school.SchoolId) ? school : null;
    }

    /// <summary>The student, if the caller reaches their file (the current school decides; see <see cref="FileRules.Reaches"/>).</summary>
    internal static async Task<Student?> ReachableStudentAsync(this RecordsDbContext db, HttpContext http, Guid studentId, bool tracked = false)
    {
        var query = tracked ? db.Students : db.Students.AsNoTracking();
        var student = await query.SingleOrDefaultAsync(s => s.Id == studentId, http.RequestAborted);
        return student is not null && FileRules.Reaches(http.Caller(), student) ? student : null;
    }

    internal static string OneOf(string? value, string field, IReadOnlyCollection<string> allowed) =>
        value is not null && allowed.Contains(value) ? value : throw new RequestRejectedException(field, $"One of: {string.Join(", ", allowed)}.");

    internal static Guid RequiredId(Guid? value, string field) =>
        value is { } id && id != Guid.Empty ? id : throw new RequestRejectedException(field, "Give an id.");
}

/// <summary>Who may call what (docs/access-matrix.md).</summary>
internal static class RecordsRoles
{
    public static readonly string[] RosterImporters = [XinYuRoles.BureauAdmin, XinYuRoles.SchoolAdmin];
    public static readonly string[] SchoolFileKeepers = [XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor];
    public static readonly string[] StudentListReaders = [XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher];
    public static readonly string[] Counsellors = [XinYuRoles.Counsellor];
    public static readonly string[] HandOver = [XinYuRoles.BureauAdmin, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor];
    public static readonly string[] ReceiptReaders = [XinYuRoles.BureauAdmin, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor];
    public static readonly string[] BureauAdmins = [XinYuRoles.BureauAdmin];
    public static readonly string[] BureauReaders = [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer];
    public static readonly string[] RoomReaders = [XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher];
    public static readonly string[] RoomRequesters = [XinYuRoles.Counsellor, XinYuRoles.HeadTeacher];
    public static readonly string[] Leavers = [XinYuRoles.BureauAdmin, XinYuRoles.SchoolAdmin];
}
