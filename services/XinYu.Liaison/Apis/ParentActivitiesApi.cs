using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Liaison.Apis;

public sealed record ScheduleParentActivityRequest(string? Kind, string? Title, DateOnly? HeldOn, bool? MentalHealth, List<Guid>? ClassIds);
public sealed record ClassAttendanceItem(Guid? ClassId, int? Attended);
public sealed record RecordAttendanceRequest(List<ClassAttendanceItem>? Classes);

public sealed record ClassAttendanceView(Guid ClassId, int Attended);
public sealed record ParentActivityView(Guid Id, Guid SchoolId, string Kind, string Title, DateOnly HeldOn, int SchoolYear, bool MentalHealth,
    List<Guid> ClassIds, List<ClassAttendanceView> Attendance, int TotalAttended)
{
    public static ParentActivityView Of(ParentActivity a) => new(a.Id, a.SchoolId, a.Kind, a.Title, a.HeldOn, a.SchoolYear, a.MentalHealth,
        a.ClassIds, a.Attendance.OrderBy(x => x.ClassId).Select(x => new ClassAttendanceView(x.ClassId, x.Attended)).ToList(), a.Attendance.Sum(x => x.Attended));
}

public sealed record MeetingWeekView(int Term, string Which, DateOnly From, DateOnly To, bool Held);
public sealed record ParentFigureView(int MeetingWeeksExpected, int MeetingWeeksHeld, bool MeetingsMet, int MentalHealthActivities,
    int MentalHealthRequired, bool MentalHealthMet)
{
    public static ParentFigureView Of(ParentProgrammeFigure f) =>
        new(f.MeetingWeeksExpected, f.MeetingWeeksHeld, f.MeetingsMet, f.MentalHealthActivities, f.MentalHealthRequired, f.MentalHealthMet);
}
public sealed record SchoolParentProgrammeView(Guid SchoolId, int SchoolYear, ParentFigureView Figure, List<MeetingWeekView> MeetingWeeks,
    List<ParentActivityView> Activities);
public sealed record SchoolParentFigureView(Guid SchoolId, ParentFigureView Figure);
public sealed record BureauParentProgrammeView(Guid BureauId, int SchoolYear, int Schools, int SchoolsMeetingsMet, int SchoolsMentalHealthMet,
    List<SchoolParentFigureView> BySchool);

/// <summary>Parent meetings (家长会, first and last week of each term) and parent-school (家长学校) courses.</summary>
public static class ParentActivitiesApi
{
    public static RouteGroupBuilder MapParentActivitiesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/parent-activities", ScheduleAsync).RequireRoles(LiaisonRoles.SchoolDesignated);
        api.MapPost("/parent-activities/{activityId:guid}/attendance", AttendanceAsync).RequireRoles(LiaisonRoles.SchoolDesignated);
        api.MapGet("/schools/{schoolId:guid}/parent-activities", SchoolAsync).RequireRoles(LiaisonRoles.SchoolFigureReaders);
        api.MapGet("/parent-activities/coverage", BureauAsync).RequireRoles(LiaisonRoles.Bureau);
        return api;
    }

    private static async Task<Results<Created<ParentActivityView>, NotFound>> ScheduleAsync(Guid schoolId, ScheduleParentActivityRequest request,
        HttpContext http, LiaisonDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not var (bureau, school)) return TypedResults.NotFound();
        var kind = Check.Code(request.Kind, "kind", LiaisonCodes.ParentActivityKinds);
        var title = RequestValidation.SingleLine(request.Title, "title", 200);
        var today = clock.Today();
        var heldOn = Check.Date(request.HeldOn, "heldOn", today.AddDays(-400), today.AddDays(400));
        var mentalHealth = RequestValidation.Required(request.MentalHealth, "mentalHealth", "Is it a mental-health activity for parents? true or false.");
        var classIds = Check.Ids(request.ClassIds, "classIds", 0, 200);
        await CheckClassesAsync(db, school, classIds, "classIds", http.RequestAborted);
        var activity = new ParentActivity
        {
            BureauId = bureau, SchoolId = school, Kind = kind, Title = title, HeldOn = heldOn, MentalHealth = mentalHealth, ClassIds = classIds,
            SchoolYear = LiaisonRules.SchoolYearOf(heldOn, await db.TermsOfAsync(bureau, http.RequestAborted)),
            CreatedBy = http.Caller().Subject, CreatedAt = clock.GetUtcNow(),
        };
        db.ParentActivities.Add(activity);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/liaison/parent-activities/{activity.Id}", ParentActivityView.Of(activity));
    }

    private static async Task CheckClassesAsync(LiaisonDbContext db, Guid school, List<Guid> classIds, string field, CancellationToken ct)
    {
        if (classIds.Count == 0) return;
        var known = await db.Classes.Where(c => c.SchoolId == school && classIds.Contains(c.ClassId)).Select(c => c.ClassId)
            .Union(db.Students.Where(s => s.SchoolId == school && classIds.Contains(s.ClassId)).Select(s => s.ClassId)).ToListAsync(ct);
        var unknown = classIds.FindIndex(c => !known.Contains(c));
        if (unknown >= 0) throw new RequestRejectedException($"{field}[{unknown}]", "Not a class of this school.");
    }

    /// <summary>Counts per class; a class given again replaces its earlier count.</summary>
    private static async Task<Results<Ok<ParentActivityView>, NotFound>> AttendanceAsync(Guid activityId, RecordAttendanceRequest request,
        HttpContext http, LiaisonDbContext db)
    {
        var activity = await db.ParentActivities.Include(a => a.Attendance).SingleOrDefaultAsync(a => a.Id == activityId, http.RequestAborted);
        if (activity is null || !http.Caller().CanReachSchool(activity.BureauId, activity.SchoolId)) return TypedResults.NotFound();
        var items = request.Classes ?? [];
        if (items.Count is < 1 or > 200) throw new RequestRejectedException("classes", "Give 1 to 200 classes' counts.");
        var counts = new Dictionary<Guid, int>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw new RequestRejectedException($"classes[{i}]", "Give the class and its count.");
            var classId = Check.Id(item.ClassId, $"classes[{i}].classId");
            var attended = RequestValidation.Required(item.Attended, $"classes[{i}].attended", "How many parents attended.");
            if (attended is < 0 or > 2000) throw new RequestRejectedException($"classes[{i}].attended", "Between 0 and 2000.");
            counts[classId] = attended;
        }
        await CheckClassesAsync(db, activity.SchoolId, counts.Keys.ToList(), "classes", http.RequestAborted);
        foreach (var (classId, attended) in counts)
        {
            var row = activity.Attendance.FirstOrDefault(x => x.ClassId == classId);
            if (row is null) activity.Attendance.Add(new ParentAttendance { ActivityId = activity.Id, ClassId = classId, Attended = attended });
            else row.Attended = attended;
        }
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(ParentActivityView.Of(activity));
    }

    private static async Task<Results<Ok<SchoolParentProgrammeView>, NotFound>> SchoolAsync(Guid schoolId, int? schoolYear, HttpContext http,
        LiaisonDbContext db, SchoolClock clock, IOptions<LiaisonOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not var (bureau, school)) return TypedResults.NotFound();
        var year = await db.SchoolYearAsync(bureau, schoolYear, clock.Today(), http.RequestAborted);
        var terms = await db.TermsOfAsync(bureau, http.RequestAborted);
        var activities = await db.ParentActivities.AsNoTracking().Include(a => a.Attendance)
            .Where(a => a.SchoolId == school && a.SchoolYear == year).OrderBy(a => a.HeldOn).ToListAsync(http.RequestAborted);
        var facts = activities.Select(a => new ParentActivityFact(a.Kind, a.HeldOn, a.MentalHealth)).ToList();
        var figure = ParentProgramme.Figure(year, terms, facts, options.Value.ParentMentalHealthActivitiesPerSchoolYear);
        var weeks = LiaisonRules.ParentMeetingWeeks(terms.Where(t => t.SchoolYear == year))
            .Select(w => new MeetingWeekView(w.Term, w.Which, w.From, w.To, ParentProgramme.Held(w, facts))).ToList();
        return TypedResults.Ok(new SchoolParentProgrammeView(school, year, ParentFigureView.Of(figure), weeks, activities.Select(ParentActivityView.Of).ToList()));
    }

    /// <summary>Each school of the bureau (known from the directory) against the policy.</summary>
    private static async Task<Ok<BureauParentProgrammeView>> BureauAsync(int? schoolYear, HttpContext http, LiaisonDbContext db,
        SchoolClock clock, IOptions<LiaisonOptions> options)
    {
        var bureau = http.Caller().BureauId ?? Guid.Empty;
        var year = await db.SchoolYearAsync(bureau, schoolYear, clock.Today(), http.RequestAborted);
        var terms = await db.TermsOfAsync(bureau, http.RequestAborted);
        var schools = await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau).Select(s => s.SchoolId).ToListAsync(http.RequestAborted);
        var activities = (await db.ParentActivities.AsNoTracking().Where(a => a.BureauId == bureau && a.SchoolYear == year)
            .Select(a => new { a.SchoolId, a.Kind, a.HeldOn, a.MentalHealth }).ToListAsync(http.RequestAborted))
            .ToLookup(a => a.SchoolId, a => new ParentActivityFact(a.Kind, a.HeldOn, a.MentalHealth));
        var required = options.Value.ParentMentalHealthActivitiesPerSchoolYear;
        var figures = schools.Union(activities.Select(g => g.Key)).Order()
            .Select(s => new SchoolParentFigureView(s, ParentFigureView.Of(ParentProgramme.Figure(year, terms, activities[s].ToList(), required)))).ToList();
        return TypedResults.Ok(new BureauParentProgrammeView(bureau, year, figures.Count, figures.Count(f => f.Figure.MeetingsMet),
            figures.Count(f => f.Figure.MentalHealthMet), figures));
    }
}
