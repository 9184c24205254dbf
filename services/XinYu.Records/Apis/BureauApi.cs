using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Records.Apis;

public sealed record SchoolFigures(Guid SchoolId, int ActiveStudents, int LeftStudents, IReadOnlyDictionary<string, int> TimelineBySection,
    IReadOnlyDictionary<string, int> StudentsBySection);
public sealed record BureauOverview(Guid BureauId, int ActiveStudents, IReadOnlyList<SchoolFigures> Schools);

/// <summary>
/// The bureau's view: per school, how many students and how many timeline entries (and students with any) per
/// classified section. Counts only: no names, no ids of students.
/// </summary>
public static class BureauApi
{
    public static RouteGroupBuilder MapBureauApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bureau/overview", OverviewAsync).RequireRoles(RecordsRoles.BureauReaders);
        return api;
    }

    private static async Task<Ok<BureauOverview>> OverviewAsync(HttpContext http, RecordsDbContext db)
    {
        var bureau = http.Caller().BureauId ?? throw new RequestRejectedException("bureau", "The caller belongs to no bureau.", StatusCodes.Status403Forbidden);
        var ct = http.RequestAborted;
        var schools = await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau).Select(s => s.SchoolId).ToListAsync(ct);
        var students = await db.Students.AsNoTracking().Where(s => s.BureauId == bureau && s.Status != StudentStatus.Archived)
            .GroupBy(s => new { s.SchoolId, s.Status }).Select(g => new { g.Key.SchoolId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        // Timeline lines counted at the student's current school (the file moves with the student).
        var lines = await (from t in db.Timeline
                           join s in db.Students on t.StudentId equals s.Id
                           where s.BureauId == bureau && s.Status == StudentStatus.Active
                           group t by new { s.SchoolId, t.Section } into g
                           select new { g.Key.SchoolId, g.Key.Section, Lines = g.Count(), Students = g.Select(x => x.StudentId).Distinct().Count() })
            .ToListAsync(ct);
        var figures = schools.Union(students.Select(s => s.SchoolId)).Distinct().Order().Select(schoolId => new SchoolFigures(
            schoolId,
            students.Where(s => s.SchoolId == schoolId && s.Status == StudentStatus.Active).Sum(s => s.Count),
            students.Where(s => s.SchoolId == schoolId && s.Status == StudentStatus.Left).Sum(s => s.Count),
            lines.Where(l => l.SchoolId == schoolId).ToDictionary(l => l.Section, l => l.Lines),
            lines.Where(l => l.SchoolId == schoolId).ToDictionary(l => l.Section, l => l.Students))).ToList();
        return TypedResults.Ok(new BureauOverview(bureau, figures.Sum(f => f.ActiveStudents), figures));
    }
}
