using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Time;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Staffing.Apis;

public sealed record SchoolLessonsView(Guid SchoolId, string SchoolName, TermView Term, DateOnly AsOf, int Expected, int Classes, int ClassesMeetingStandard,
    List<ClassLessons> ClassResults);

/// <summary>The student ids (from Records' roster) a mentor mentors: the whole set, replacing the previous one.</summary>
public sealed record MenteesRequest(Guid[]? StudentIds);

public sealed record MentorGridView(Guid SchoolId, string SchoolName, int Students, int StudentsWithMentor, int StudentsWithoutMentor, decimal CoverageShare,
    int Ratio, int MentorsNeeded, List<MentorLoad> Mentors, List<MentorLoad> OverRatio, List<Guid> WithoutMentor)
{
    public static MentorGridView Of(School s, MentorGrid g) => new(s.Id, s.Name, g.Students, g.StudentsWithMentor, g.StudentsWithoutMentor, g.CoverageShare,
        g.Ratio, g.MentorsNeeded, [.. g.Mentors], [.. g.OverRatio], [.. g.WithoutMentor]);
}

/// <summary>Psych lessons per class against the standard, and the 1:15 mentor grid (心网格).</summary>
public static class LessonsAndMentorsApi
{
    public static RouteGroupBuilder MapLessonsAndMentorsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/schools/{schoolId:guid}/lessons", LessonsAsync).RequireRoles([.. DirectoryRoles.StaffReaders, XinYuRoles.Counsellor]);
        api.MapGet("/schools/{schoolId:guid}/mentor-grid", GridAsync).RequireRoles(DirectoryRoles.StaffReaders);
        api.MapPut("/schools/{schoolId:guid}/mentors/{staffId:guid}/students", AssignAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        return api;
    }

    private static async Task<Results<Ok<SchoolLessonsView>, NotFound>> LessonsAsync(Guid schoolId, Guid? termId, HttpContext http, StaffingDbContext db,
        SchoolClock clock, IOptions<LessonOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var term = await WorkloadApi.TermAsync(db, school.BureauId, termId, clock, http.RequestAborted);
        var today = clock.Today();
        var rows = await StaffingFigures.LessonsAsync(db, school, term, today, options.Value, http.RequestAborted);
        return TypedResults.Ok(new SchoolLessonsView(school.Id, school.Name, WorkloadApi.ViewOf(term), today, LessonRules.Expected(term, today, options.Value),
            rows.Count, rows.Count(r => r.MeetsStandard), [.. rows]));
    }

    private static async Task<Results<Ok<MentorGridView>, NotFound>> GridAsync(Guid schoolId, HttpContext http, StaffingDbContext db, IOptions<MentorGridOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        return TypedResults.Ok(MentorGridView.Of(school, await StaffingFigures.MentorGridAsync(db, school, options.Value, http.RequestAborted)));
    }

    private static async Task<Results<Ok<MentorGridView>, NotFound>> AssignAsync(Guid schoolId, Guid staffId, MenteesRequest request, HttpContext http,
        StaffingDbContext db, SchoolClock clock, IOptions<MentorGridOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        if (await db.StaffOfSchoolAsync(school, staffId, http.RequestAborted) is not { } mentor) return TypedResults.NotFound();
        if (!CertificateCoverageRules.IsTeacher(mentor.Roles))
            throw new RequestRejectedException("staffId", "A mentor is one of the school's teachers.");
        var ids = request.StudentIds ?? throw new RequestRejectedException("studentIds", "Give the mentor's students' ids (an empty list removes them all).");
        if (ids.Length > options.Value.MaxStudentsPerRequest)
            throw new RequestRejectedException("studentIds", $"At most {options.Value.MaxStudentsPerRequest} students in one request.");
        var known = (await db.Roster.Where(r => r.SchoolId == school.Id && !r.Left && ids.Contains(r.StudentId)).Select(r => r.StudentId).ToListAsync(http.RequestAborted)).ToHashSet();
        for (var i = 0; i < ids.Length; i++)
        {
            if (!known.Contains(ids[i])) throw new RequestRejectedException($"studentIds[{i}]", "Not a student of this school.");
            if (Array.IndexOf(ids, ids[i]) != i) throw new RequestRejectedException($"studentIds[{i}]", "Named twice.");
        }
        // The mentor's set is replaced; a named student's previous mentor (if another) gives them up.
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var affected = await db.Mentorships.Where(m => m.SchoolId == school.Id && (m.StaffId == mentor.Id || ids.Contains(m.StudentId))).ToListAsync(http.RequestAborted);
        db.Mentorships.RemoveRange(affected);
        await db.SaveChangesAsync(http.RequestAborted);
        db.Mentorships.AddRange(ids.Select(id => new Mentorship { StudentId = id, SchoolId = school.Id, StaffId = mentor.Id, AssignedAt = now }));
        // Two admins assigning the same student at once: the later one is told, not failed with a 500.
        await db.SaveOrConflictAsync("studentIds", "Another change to these students' mentors came first; try again.", http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.Ok(MentorGridView.Of(school, await StaffingFigures.MentorGridAsync(db, school, options.Value, http.RequestAborted)));
    }
}
