using Microsoft.EntityFrameworkCore;
using Npgsql;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Liaison.Apis;

/// <summary>The liaison service's public API, under /api/liaison (the gateway routes it there).</summary>
public static class LiaisonApi
{
    public static IEndpointRouteBuilder MapLiaisonApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/liaison").WithTags("Liaison").ProducesProblems();
        api.MapHomeVisitsApi();
        api.MapTasksApi();
        api.MapParentActivitiesApi();
        api.MapJointApi();
        return app;
    }


    internal static CallerScope Caller(this HttpContext http) => CallerScope.From(http.User);

    /// <summary>The student on the roll, if the caller reaches their class (head teachers) or school; else null (404).</summary>
    internal static async Task<RosterStudent?> ReachableStudentAsync(this LiaisonDbContext db, HttpContext http, Guid studentId)
    {
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.StudentId == studentId && !s.Left, http.RequestAborted);
        return student is not null && http.Caller().CanReachClass(student.BureauId, student.SchoolId, student.ClassId) ? student : null;
    }

    /// <summary>A class (known from the directory, or from a student on its roll) the caller reaches.</summary>
    internal static async Task<(Guid Bureau, Guid School)?> ReachableClassAsync(this LiaisonDbContext db, HttpContext http, Guid classId)
    {
        var known = await db.Classes.AsNoTracking().Where(c => c.ClassId == classId).Select(c => new { c.BureauId, c.SchoolId })
            .FirstOrDefaultAsync(http.RequestAborted)
            ?? await db.Students.AsNoTracking().Where(s => s.ClassId == classId).Select(s => new { s.BureauId, s.SchoolId })
            .FirstOrDefaultAsync(http.RequestAborted);
        return known is not null && http.Caller().CanReachClass(known.BureauId, known.SchoolId, classId) ? (known.BureauId, known.SchoolId) : null;
    }

    /// <summary>A school (known from the directory, or from a student on its roll) the caller reaches.</summary>
    internal static async Task<(Guid Bureau, Guid School)?> ReachableSchoolAsync(this LiaisonDbContext db, HttpContext http, Guid schoolId)
    {
        var bureau = await db.Schools.AsNoTracking().Where(s => s.SchoolId == schoolId).Select(s => (Guid?)s.BureauId).FirstOrDefaultAsync(http.RequestAborted)
            ?? await db.Students.AsNoTracking().Where(s => s.SchoolId == schoolId).Select(s => (Guid?)s.BureauId).FirstOrDefaultAsync(http.RequestAborted);
        return bureau is { } b && http.Caller().CanReachSchool(b, schoolId) ? (b, schoolId) : null;
    }

    /// <summary>The school year asked for, or the one today belongs to in the bureau's calendar.</summary>
    internal static async Task<int> SchoolYearAsync(this LiaisonDbContext db, Guid bureauId, int? asked, DateOnly today, CancellationToken ct)
    {
        if (asked is { } year)
        {
            if (year is < 2000 or > 2100) throw new RequestRejectedException("schoolYear", "A school year between 2000 and 2100 (its first calendar year).");
            return year;
        }
        return LiaisonRules.SchoolYearOf(today, await db.TermsOfAsync(bureauId, ct));
    }

    internal static async Task<List<TermDates>> TermsOfAsync(this LiaisonDbContext db, Guid bureauId, CancellationToken ct) =>
        (await db.Terms.AsNoTracking().Where(t => t.BureauId == bureauId).ToListAsync(ct))
        .Select(t => new TermDates(t.SchoolYear, t.Number, t.StartsOn, t.EndsOn)).ToList();

}

/// <summary>Strict checks of request fields; each throws a 400 naming the field.</summary>
internal static class Check
{
    public static Guid Id(Guid? value, string field) =>
        value is { } id && id != Guid.Empty ? id : throw new RequestRejectedException(field, "Give an id.");

    public static string Code(string? value, string field, IReadOnlySet<string> allowed) =>
        value is not null && allowed.Contains(value) ? value
            : throw new RequestRejectedException(field, $"One of: {string.Join(", ", allowed.Order())}.");

    public static List<string> Codes(List<string>? values, string field, IReadOnlySet<string> allowed, int min, int max)
    {
        var list = values ?? [];
        if (list.Count < min || list.Count > max) throw new RequestRejectedException(field, $"Give {min} to {max} codes.");
        for (var i = 0; i < list.Count; i++) Code(list[i], $"{field}[{i}]", allowed);
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    public static List<string> Texts(List<string>? values, string field, int maxItems, int maxLength)
    {
        var list = values ?? [];
        if (list.Count > maxItems) throw new RequestRejectedException(field, $"At most {maxItems} items.");
        return list.Select((t, i) => RequestValidation.MultiLine(t, $"{field}[{i}]", maxLength)).ToList();
    }

    public static List<Guid> Ids(List<Guid>? values, string field, int min, int max)
    {
        var list = values ?? [];
        if (list.Count < min || list.Count > max) throw new RequestRejectedException(field, $"Give {min} to {max} ids.");
        for (var i = 0; i < list.Count; i++) Id(list[i], $"{field}[{i}]");
        return list.Distinct().ToList();
    }

    public static DateOnly Date(DateOnly? value, string field, DateOnly earliest, DateOnly latest)
    {
        var date = RequestValidation.Required(value, field, "Give a date (yyyy-MM-dd).");
        if (date < earliest || date > latest) throw new RequestRejectedException(field, $"Between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}.");
        return date;
    }
}

/// <summary>Who may call what (docs/access-matrix.md).</summary>
internal static class LiaisonRoles
{
    public static readonly string[] SchoolStaff = [XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher];
    public static readonly string[] SchoolDesignated = [XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor];
    public static readonly string[] Planners = [XinYuRoles.SchoolAdmin, XinYuRoles.HeadTeacher];
    public static readonly string[] Bureau = [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer];
    public static readonly string[] FigureReaders = [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor];
    public static readonly string[] SchoolFigureReaders =
        [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher];
}
