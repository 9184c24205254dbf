using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Liaison.Jobs;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Logging;
using XinYu.Liaison.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Liaison.Apis;

/// <summary>
/// A special home visit (特殊家访) with the guardian's acknowledgement: informed (家长知情), responsible for seeking
/// treatment (承担就医), ensuring safety (确保安全). Each is recorded as given; all three true is "acknowledged".
/// </summary>
public sealed record RecordSpecialVisitRequest(
    DateOnly? VisitedOn,
    List<Guid>? VisitorStaffIds,
    List<string>? Met,
    List<string>? Topics,
    [property: SensitiveData] List<string>? FollowUps,
    [property: SensitiveData] string? Notes,
    bool? GuardianInformed,
    bool? GuardianSeeksTreatment,
    bool? GuardianEnsuresSafety);

public sealed record SpecialVisitView(Guid Id, Guid StudentId, Guid? ClassId, string FromLevel, string ToLevel, DateTimeOffset RaisedAt,
    DateTimeOffset DueAt, Guid? VisitId, DateTimeOffset? CompletedAt, DateTimeOffset? EscalatedAt)
{
    public static SpecialVisitView Of(SpecialVisitTask t) =>
        new(t.Id, t.StudentId, t.ClassId, t.FromLevel, t.ToLevel, t.RaisedAt, t.DueAt, t.VisitId, t.CompletedAt, t.EscalatedAt);
}

public sealed record RecordGuardianNotifiedRequest(string? Method, DateTimeOffset? InformedAt, [property: SensitiveData] string? Note);

public sealed record GuardianNotificationView(Guid Id, Guid StudentId, Guid? ClassId, Guid WarningId, DateTimeOffset RaisedAt,
    DateTimeOffset DueAt, string? Method, DateTimeOffset? InformedAt, DateTimeOffset? EscalatedAt)
{
    public static GuardianNotificationView Of(GuardianNotification n) =>
        new(n.Id, n.StudentId, n.ClassId, n.WarningId, n.RaisedAt, n.DueAt, n.Method, n.InformedAt, n.EscalatedAt);
}

/// <summary>The tasks events give a school: special visits after a level rise, guardian notifications after a crisis warning.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        api.MapGet("/schools/{schoolId:guid}/special-visits", SpecialVisitsAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("special-visit");
        api.MapPost("/special-visits/{specialVisitId:guid}/visit", RecordSpecialVisitAsync).RequireRoles(LiaisonRoles.SchoolStaff)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("special-visit");
        api.MapGet("/schools/{schoolId:guid}/guardian-notifications", NotificationsAsync).RequireRoles(LiaisonRoles.SchoolDesignated)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("guardian-notification");
        api.MapPost("/guardian-notifications/{notificationId:guid}/record", RecordNotifiedAsync).RequireRoles(LiaisonRoles.SchoolDesignated)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("guardian-notification");
        return api;
    }

    private static async Task<Results<Ok<List<SpecialVisitView>>, NotFound>> SpecialVisitsAsync(Guid schoolId, bool? open, HttpContext http, LiaisonDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not var (bureau, school)) return TypedResults.NotFound();
        var caller = http.Caller();
        var query = db.SpecialVisits.AsNoTracking().Where(t => t.SchoolId == school);
        if (open != false) query = query.Where(t => t.CompletedAt == null);
        var tasks = await query.OrderBy(t => t.DueAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(tasks.Where(t => Reaches(caller, bureau, school, t.ClassId)).Select(SpecialVisitView.Of).ToList());
    }

    /// <summary>A task without a known class is reached by school-wide roles only.</summary>
    private static bool Reaches(CallerScope caller, Guid bureau, Guid school, Guid? classId) => classId is { } c
        ? caller.CanReachClass(bureau, school, c)
        : caller.CanReachSchool(bureau, school) && (caller.IsInRole(XinYuRoles.SchoolAdmin) || caller.IsInRole(XinYuRoles.Counsellor));

    private static async Task<Results<Created<HomeVisitSummary>, NotFound>> RecordSpecialVisitAsync(Guid specialVisitId,
        RecordSpecialVisitRequest request, HttpContext http, LiaisonDbContext db, SchoolClock clock, AuditTrail audit)
    {
        var task = await db.SpecialVisits.SingleOrDefaultAsync(t => t.Id == specialVisitId, http.RequestAborted);
        if (task is null || !Reaches(http.Caller(), task.BureauId, task.SchoolId, task.ClassId)) return TypedResults.NotFound();
        var student = await db.ReachableStudentAsync(http, task.StudentId)
            // The student left the rolls (or has no class known): the visit still belongs to the task's school.
            ?? new RosterStudent { StudentId = task.StudentId, BureauId = task.BureauId, SchoolId = task.SchoolId, ClassId = task.ClassId ?? Guid.Empty };
        var visit = await HomeVisitsApi.NewVisitAsync(db, http, clock, student, VisitKinds.Special,
            new RecordHomeVisitRequest(request.VisitedOn, request.VisitorStaffIds, request.Met, request.Topics, request.FollowUps, request.Notes), "");
        if (visit.VisitedOn < clock.DateOf(task.RaisedAt).AddDays(-1))
            throw new RequestRejectedException("visitedOn", "A special visit follows the level rise; this date is before it.");
        visit.GuardianInformed = RequestValidation.Required(request.GuardianInformed, "guardianInformed", "Was the guardian informed (家长知情)? true or false.");
        visit.GuardianSeeksTreatment = RequestValidation.Required(request.GuardianSeeksTreatment, "guardianSeeksTreatment", "Does the guardian take responsibility for seeking treatment (承担就医)? true or false.");
        visit.GuardianEnsuresSafety = RequestValidation.Required(request.GuardianEnsuresSafety, "guardianEnsuresSafety", "Does the guardian ensure the student's safety (确保安全)? true or false.");
        if (task.CompletedAt is not null) throw new RequestRejectedException("specialVisitId", "This special visit is already recorded.", StatusCodes.Status409Conflict);
        visit.SpecialVisitId = task.Id;
        task.VisitId = visit.Id;
        task.CompletedAt = clock.GetUtcNow();
        await HomeVisitsApi.CompleteAsync(db, audit, visit, http.RequestAborted);
        return TypedResults.Created($"/api/liaison/home-visits/{visit.Id}", HomeVisitSummary.Of(visit));
    }

    private static async Task<Results<Ok<List<GuardianNotificationView>>, NotFound>> NotificationsAsync(Guid schoolId, bool? open, HttpContext http, LiaisonDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not var (_, school)) return TypedResults.NotFound();
        var query = db.GuardianNotifications.AsNoTracking().Where(n => n.SchoolId == school);
        if (open != false) query = query.Where(n => n.InformedAt == null);
        var list = await query.OrderBy(n => n.DueAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(GuardianNotificationView.Of).ToList());
    }

    /// <summary>The designated person records that (and how) the guardian was told; late is recorded too, as late.</summary>
    private static async Task<Results<Ok<GuardianNotificationView>, NotFound>> RecordNotifiedAsync(Guid notificationId,
        RecordGuardianNotifiedRequest request, HttpContext http, LiaisonDbContext db, SchoolClock clock, AuditTrail audit)
    {
        var task = await db.GuardianNotifications.SingleOrDefaultAsync(n => n.Id == notificationId, http.RequestAborted);
        if (task is null || !http.Caller().CanReachSchool(task.BureauId, task.SchoolId)) return TypedResults.NotFound();
        var method = Check.Code(request.Method, "method", LiaisonCodes.NotificationMethods);
        var now = clock.GetUtcNow();
        var informedAt = RequestValidation.Required(request.InformedAt, "informedAt", "When the guardian was informed.");
        if (informedAt < task.RaisedAt.AddHours(-1) || informedAt > now.AddMinutes(5))
            throw new RequestRejectedException("informedAt", "Between the warning and now.");
        var note = RequestValidation.OptionalMultiLine(request.Note, "note", 4000) ?? "";
        if (task.InformedAt is not null) throw new RequestRejectedException("notificationId", "Already recorded.", StatusCodes.Status409Conflict);
        (task.Method, task.InformedAt, task.Note, task.RecordedBy) = (method, informedAt, note, http.Caller().Subject);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "guardian-notification", task.Id.ToString(), task.StudentId, task.SchoolId));
        db.Publish(new GuardianNotified
        {
            BureauId = task.BureauId, SchoolId = task.SchoolId, NotificationId = task.Id, StudentId = task.StudentId, WarningId = task.WarningId, Method = method,
        }, OverdueSweep.StudentKey(task.StudentId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(GuardianNotificationView.Of(task));
    }
}
