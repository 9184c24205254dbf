using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.Liaison.Jobs;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Logging;
using XinYu.ServiceDefaults.Time;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Liaison.Apis;

public sealed record PlannedVisitItem(Guid? StudentId, DateOnly? PlannedOn);
public sealed record PlanVisitsRequest(List<PlannedVisitItem>? Visits);
public sealed record PlannedVisitView(Guid Id, Guid StudentId, Guid ClassId, int SchoolYear, DateOnly PlannedOn, bool Visited);

/// <summary>A home visit as recorded: who went, whom they met, what they talked about, what follows; notes are encrypted.</summary>
public sealed record RecordHomeVisitRequest(
    DateOnly? VisitedOn,
    List<Guid>? VisitorStaffIds,
    List<string>? Met,
    List<string>? Topics,
    [property: SensitiveData] List<string>? FollowUps,
    [property: SensitiveData] string? Notes);

public sealed record HomeVisitSummary(Guid Id, string Kind, Guid StudentId, Guid ClassId, int SchoolYear, DateOnly VisitedOn,
    List<Guid> VisitorStaffIds, List<string> Met, List<string> Topics, bool? GuardianInformed, bool? GuardianSeeksTreatment,
    bool? GuardianEnsuresSafety, DateTimeOffset RecordedAt)
{
    public static HomeVisitSummary Of(HomeVisit v) => new(v.Id, v.Kind, v.StudentId, v.ClassId, v.SchoolYear, v.VisitedOn, v.VisitorStaffIds,
        v.Met, v.Topics, v.GuardianInformed, v.GuardianSeeksTreatment, v.GuardianEnsuresSafety, v.RecordedAt);
}

public sealed record HomeVisitDetail(HomeVisitSummary Visit, [property: SensitiveData] List<string> FollowUps, [property: SensitiveData] string Notes);

public sealed record CoverageView(int Enrolled, int Visited, int NotVisited, decimal Rate)
{
    public static CoverageView Of(CoverageFigure f) => new(f.Enrolled, f.Visited, f.NotVisited, f.Rate);
}

public sealed record ClassCoverageView(Guid ClassId, int SchoolYear, int VisitsRequired, CoverageView Coverage, List<Guid> NotVisitedStudentIds);
public sealed record UnitCoverageView(Guid Id, CoverageView Coverage);
public sealed record SchoolCoverageView(Guid SchoolId, int SchoolYear, int VisitsRequired, CoverageView Coverage, List<UnitCoverageView> Classes);
public sealed record BureauCoverageView(Guid BureauId, int SchoolYear, int VisitsRequired, CoverageView Coverage, List<UnitCoverageView> Schools);

public sealed record NotVisitedView(Guid ClassId, List<Guid> StudentIds);
public sealed record OverdueTaskView(Guid Id, string Kind, Guid StudentId, Guid? ClassId, DateTimeOffset DueAt, DateTimeOffset? EscalatedAt);
public sealed record OverdueListView(Guid SchoolId, int SchoolYear, List<NotVisitedView> NotVisited, List<OverdueTaskView> Tasks);

/// <summary>Home visits for every student (全员家访): plans by class, visits, coverage and overdue lists.</summary>
public static class HomeVisitsApi
{
    public static RouteGroupBuilder MapHomeVisitsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/classes/{classId:guid}/visit-plans", PlanAsync).RequireRoles(LiaisonRoles.Planners)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("home-visit");
        api.MapGet("/classes/{classId:guid}/visit-plans", PlansAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("home-visit");
        api.MapPost("/students/{studentId:guid}/home-visits", RecordAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("home-visit");
        api.MapGet("/students/{studentId:guid}/home-visits", ListAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("home-visit");
        api.MapGet("/home-visits/{visitId:guid}", ReadAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("home-visit-notes");
        api.MapGet("/classes/{classId:guid}/home-visits/coverage", ClassCoverageAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("home-visit");
        api.MapGet("/schools/{schoolId:guid}/home-visits/coverage", SchoolCoverageAsync).RequireRoles(LiaisonRoles.FigureReaders);
        api.MapGet("/home-visits/coverage", BureauCoverageAsync).RequireRoles(LiaisonRoles.Bureau);
        api.MapGet("/schools/{schoolId:guid}/overdue", OverdueAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("home-visit");
        return api;
    }

    private static async Task<Results<Created<List<PlannedVisitView>>, NotFound>> PlanAsync(Guid classId, PlanVisitsRequest request,
        HttpContext http, LiaisonDbContext db, SchoolClock clock, AuditTrail audit)
    {
        if (await db.ReachableClassAsync(http, classId) is not var (bureau, school)) return TypedResults.NotFound();
        var items = request.Visits ?? [];
        if (items.Count is < 1 or > 100) throw new RequestRejectedException("visits", "Plan 1 to 100 visits at a time.");
        var today = clock.Today();
        var terms = await db.TermsOfAsync(bureau, http.RequestAborted);
        var roll = await db.Students.AsNoTracking().Where(s => s.ClassId == classId && s.SchoolId == school && !s.Left)
            .Select(s => s.StudentId).ToListAsync(http.RequestAborted);
        var planned = new List<PlannedVisit>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw new RequestRejectedException($"visits[{i}]", "Give the student and the date.");
            var studentId = Check.Id(item.StudentId, $"visits[{i}].studentId");
            if (!roll.Contains(studentId)) throw new RequestRejectedException($"visits[{i}].studentId", "Not a student of this class.");
            var on = Check.Date(item.PlannedOn, $"visits[{i}].plannedOn", today.AddDays(-30), today.AddDays(400));
            planned.Add(new PlannedVisit
            {
                BureauId = bureau, SchoolId = school, ClassId = classId, StudentId = studentId, PlannedOn = on,
                SchoolYear = LiaisonRules.SchoolYearOf(on, terms), PlannedBy = http.Caller().Subject, PlannedAt = clock.GetUtcNow(),
            });
        }
        db.PlannedVisits.AddRange(planned);
        // One entry for the class's plan: the trail takes one entry per unit of work (its sequence is set by the database).
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "home-visit-plan", $"class:{classId}", SchoolId: school));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/liaison/classes/{classId}/visit-plans", planned.Select(p => new PlannedVisitView(p.Id, p.StudentId, p.ClassId, p.SchoolYear, p.PlannedOn, false)).ToList());
    }

    private static async Task<Results<Ok<List<PlannedVisitView>>, NotFound>> PlansAsync(Guid classId, int? schoolYear, HttpContext http,
        LiaisonDbContext db, SchoolClock clock)
    {
        if (await db.ReachableClassAsync(http, classId) is not var (bureau, _)) return TypedResults.NotFound();
        var year = await db.SchoolYearAsync(bureau, schoolYear, clock.Today(), http.RequestAborted);
        var plans = await db.PlannedVisits.AsNoTracking().Where(p => p.ClassId == classId && p.SchoolYear == year)
            .OrderBy(p => p.PlannedOn).ToListAsync(http.RequestAborted);
        var ids = plans.Select(p => p.StudentId).ToList();
        var visited = await db.Visits.AsNoTracking().Where(v => ids.Contains(v.StudentId) && v.SchoolYear == year)
            .Select(v => v.StudentId).Distinct().ToListAsync(http.RequestAborted);
        return TypedResults.Ok(plans.Select(p => new PlannedVisitView(p.Id, p.StudentId, p.ClassId, p.SchoolYear, p.PlannedOn, visited.Contains(p.StudentId))).ToList());
    }

    private static async Task<Results<Created<HomeVisitSummary>, NotFound>> RecordAsync(Guid studentId, RecordHomeVisitRequest request,
        HttpContext http, LiaisonDbContext db, SchoolClock clock, AuditTrail audit)
    {
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var visit = await NewVisitAsync(db, http, clock, student, VisitKinds.Regular, request, "");
        await CompleteAsync(db, audit, visit, http.RequestAborted);
        return TypedResults.Created($"/api/liaison/home-visits/{visit.Id}", HomeVisitSummary.Of(visit));
    }

    /// <summary>Validates a visit's fields (field names prefixed by <paramref name="prefix"/>) and builds it.</summary>
    internal static async Task<HomeVisit> NewVisitAsync(LiaisonDbContext db, HttpContext http, SchoolClock clock, RosterStudent student,
        string kind, RecordHomeVisitRequest request, string prefix)
    {
        var today = clock.Today();
        var on = Check.Date(request.VisitedOn, prefix + "visitedOn", today.AddDays(-400), today);
        var visitors = Check.Ids(request.VisitorStaffIds, prefix + "visitorStaffIds", 1, 10);
        var met = Check.Codes(request.Met, prefix + "met", LiaisonCodes.Relations, 1, 10);
        var topics = Check.Codes(request.Topics, prefix + "topics", LiaisonCodes.Topics, 1, 12);
        var followUps = Check.Texts(request.FollowUps, prefix + "followUps", 20, 500);
        var notes = RequestValidation.OptionalMultiLine(request.Notes, prefix + "notes", 4000) ?? "";
        // Visitors are staff of the student's school: no school records (and counts) a visit by another school's staff.
        await db.RequireStaffAsync(visitors, prefix + "visitorStaffIds",
            staff => staff.BureauId == student.BureauId && staff.SchoolId == student.SchoolId, http.RequestAborted);
        var terms = await db.TermsOfAsync(student.BureauId, http.RequestAborted);
        return new HomeVisit
        {
            Kind = kind, BureauId = student.BureauId, SchoolId = student.SchoolId, ClassId = student.ClassId, StudentId = student.StudentId,
            SchoolYear = LiaisonRules.SchoolYearOf(on, terms), VisitedOn = on, VisitorStaffIds = visitors, Met = met, Topics = topics,
            FollowUps = followUps, Notes = notes, RecordedBy = http.Caller().Subject, RecordedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Stores the visit with its audit entry and its HomeVisitCompleted event, in one transaction.</summary>
    internal static async Task CompleteAsync(LiaisonDbContext db, AuditTrail audit, HomeVisit visit, CancellationToken ct)
    {
        db.Visits.Add(visit);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "home-visit", visit.Id.ToString(), visit.StudentId, visit.SchoolId));
        db.Publish(new HomeVisitCompleted
        {
            BureauId = visit.BureauId, SchoolId = visit.SchoolId, VisitId = visit.Id, StudentId = visit.StudentId, ClassId = visit.ClassId,
            Kind = visit.Kind, VisitedOn = visit.VisitedOn, GuardianAcknowledged = visit.GuardianAcknowledged,
        }, OverdueSweep.StudentKey(visit.StudentId));
        await db.SaveOrConflictAsync("specialVisitId", "This special visit is already recorded.", ct);
    }

    private static async Task<Results<Ok<List<HomeVisitSummary>>, NotFound>> ListAsync(Guid studentId, HttpContext http, LiaisonDbContext db)
    {
        if (await db.ReachableStudentAsync(http, studentId) is null) return TypedResults.NotFound();
        var visits = await db.Visits.AsNoTracking().Where(v => v.StudentId == studentId).OrderByDescending(v => v.VisitedOn).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(visits.Select(HomeVisitSummary.Of).ToList());
    }

    /// <summary>The visit with its notes: the caller states why (X-Purpose), and the read is audited with it.</summary>
    private static async Task<Results<Ok<HomeVisitDetail>, NotFound>> ReadAsync(Guid visitId, HttpContext http, LiaisonDbContext db)
    {
        var visit = await db.Visits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId, http.RequestAborted);
        if (visit is null || await db.ReachableStudentAsync(http, visit.StudentId) is null) return TypedResults.NotFound();
        if (string.IsNullOrWhiteSpace(http.Request.Headers[AuditedEndpoints.PurposeHeader]))
            throw new RequestRejectedException(AuditedEndpoints.PurposeHeader, "State why you read this visit's notes.");
        return TypedResults.Ok(new HomeVisitDetail(HomeVisitSummary.Of(visit), visit.FollowUps, visit.Notes));
    }

    /// <summary>Coverage of the given roster in <paramref name="year"/>.</summary>
    private static async Task<CoverageReport> CoverageAsync(LiaisonDbContext db, IQueryable<RosterStudent> roll, int year, int required, CancellationToken ct)
    {
        var onRoll = roll.Where(s => !s.Left);
        var roster = await onRoll.Select(s => new RosterEntry(s.StudentId, s.SchoolId, s.ClassId)).ToListAsync(ct);
        var ids = onRoll.Select(s => s.StudentId); // a subquery: the database joins, however large the bureau
        var counts = await db.Visits.AsNoTracking().Where(v => v.SchoolYear == year && ids.Contains(v.StudentId))
            .GroupBy(v => v.StudentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return LiaisonRules.Coverage(roster, counts, required);
    }

    private static async Task<Results<Ok<ClassCoverageView>, NotFound>> ClassCoverageAsync(Guid classId, int? schoolYear, HttpContext http,
        LiaisonDbContext db, SchoolClock clock, IOptions<LiaisonOptions> options)
    {
        if (await db.ReachableClassAsync(http, classId) is not var (bureau, school)) return TypedResults.NotFound();
        var year = await db.SchoolYearAsync(bureau, schoolYear, clock.Today(), http.RequestAborted);
        var required = options.Value.VisitsPerSchoolYear;
        var report = await CoverageAsync(db, db.Students.AsNoTracking().Where(s => s.ClassId == classId && s.SchoolId == school), year, required, http.RequestAborted);
        return TypedResults.Ok(new ClassCoverageView(classId, year, required, CoverageView.Of(report.Total),
            report.NotVisitedByClass.TryGetValue(classId, out var missing) ? missing.ToList() : []));
    }

    private static async Task<Results<Ok<SchoolCoverageView>, NotFound>> SchoolCoverageAsync(Guid schoolId, int? schoolYear, HttpContext http,
        LiaisonDbContext db, SchoolClock clock, IOptions<LiaisonOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not var (bureau, school)) return TypedResults.NotFound();
        var year = await db.SchoolYearAsync(bureau, schoolYear, clock.Today(), http.RequestAborted);
        var required = options.Value.VisitsPerSchoolYear;
        var report = await CoverageAsync(db, db.Students.AsNoTracking().Where(s => s.SchoolId == school), year, required, http.RequestAborted);
        return TypedResults.Ok(new SchoolCoverageView(school, year, required, CoverageView.Of(report.Total),
            report.ByClass.OrderBy(c => c.Key).Select(c => new UnitCoverageView(c.Key, CoverageView.Of(c.Value))).ToList()));
    }

    /// <summary>Figures only: bureau staff see how many were visited, never which students.</summary>
    private static async Task<Ok<BureauCoverageView>> BureauCoverageAsync(int? schoolYear, HttpContext http, LiaisonDbContext db,
        SchoolClock clock, IOptions<LiaisonOptions> options)
    {
        var bureau = http.Caller().BureauId ?? Guid.Empty;
        var year = await db.SchoolYearAsync(bureau, schoolYear, clock.Today(), http.RequestAborted);
        var required = options.Value.VisitsPerSchoolYear;
        var report = await CoverageAsync(db, db.Students.AsNoTracking().Where(s => s.BureauId == bureau), year, required, http.RequestAborted);
        return TypedResults.Ok(new BureauCoverageView(bureau, year, required, CoverageView.Of(report.Total),
            report.BySchool.OrderBy(s => s.Key).Select(s => new UnitCoverageView(s.Key, CoverageView.Of(s.Value))).ToList()));
    }

    /// <summary>
    /// The school's overdue list: students not yet visited this school year (by class), special visits and guardian
    /// notifications past their deadline. A head teacher sees their own classes only.
    /// </summary>
    private static async Task<Results<Ok<OverdueListView>, NotFound>> OverdueAsync(Guid schoolId, int? schoolYear, HttpContext http,
        LiaisonDbContext db, SchoolClock clock, IOptions<LiaisonOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not var (bureau, school)) return TypedResults.NotFound();
        var caller = http.Caller();
        bool Reaches(Guid? classId) => classId is { } c ? caller.CanReachClass(bureau, school, c) : !caller.IsInRole(XinYuRoles.HeadTeacher) || caller.IsInRole(XinYuRoles.SchoolAdmin) || caller.IsInRole(XinYuRoles.Counsellor);
        var year = await db.SchoolYearAsync(bureau, schoolYear, clock.Today(), http.RequestAborted);
        var report = await CoverageAsync(db, db.Students.AsNoTracking().Where(s => s.SchoolId == school), year, options.Value.VisitsPerSchoolYear, http.RequestAborted);
        var now = clock.GetUtcNow();
        var visits = await db.SpecialVisits.AsNoTracking().Where(t => t.SchoolId == school && t.CompletedAt == null && t.DueAt < now).ToListAsync(http.RequestAborted);
        var notifications = await db.GuardianNotifications.AsNoTracking().Where(n => n.SchoolId == school && n.InformedAt == null && n.DueAt < now).ToListAsync(http.RequestAborted);
        var tasks = visits.Where(t => Reaches(t.ClassId)).Select(t => new OverdueTaskView(t.Id, "special-visit", t.StudentId, t.ClassId, t.DueAt, t.EscalatedAt))
            .Concat(notifications.Where(n => Reaches(n.ClassId)).Select(n => new OverdueTaskView(n.Id, "guardian-notification", n.StudentId, n.ClassId, n.DueAt, n.EscalatedAt)))
            .OrderBy(t => t.DueAt).ToList();
        var notVisited = report.NotVisitedByClass.Where(c => c.Value.Count > 0 && Reaches(c.Key)).OrderBy(c => c.Key)
            .Select(c => new NotVisitedView(c.Key, c.Value.ToList())).ToList();
        return TypedResults.Ok(new OverdueListView(school, year, notVisited, tasks));
    }
}
