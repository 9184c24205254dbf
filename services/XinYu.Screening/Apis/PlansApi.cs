using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using XinYu.Contracts;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Screening.Apis;

public sealed record PlanRequest(Guid? OwnerStaffId, List<string>? Actions, List<DateOnly>? FollowUps);
public sealed record PlanActionRequest(string? Text);
public sealed record FollowUpRequest(DateOnly? DueOn);
public sealed record FollowUpDoneRequest(string? Note);
/// <summary>A review; <see cref="Level"/> (optional) re-places the student on a level, lower or higher.</summary>
public sealed record ReviewRequest(string? Note, string? Level);
public sealed record ClosePlanRequest(string? Outcome);
public sealed record ReturnRequest(bool? HospitalDocumentsReceived, SafetyPlan? SafetyPlan, string? Outcome, DateOnly? FirstFollowUpOn);

public sealed record FollowUpView(Guid Id, DateOnly DueOn, string Kind, DateTimeOffset? DoneAt, string? Note);
public sealed record ReviewView(Guid Id, DateTimeOffset ReviewedAt, string Note, string? LevelAfter);
public sealed record PlanView(Guid Id, Guid StudentId, Guid SchoolId, Guid OwnerStaffId, string Status, bool OnLeave, DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt, string? Outcome, IReadOnlyList<string> Actions, IReadOnlyList<FollowUpView> FollowUps, IReadOnlyList<ReviewView> Reviews)
{
    public static PlanView Of(InterventionPlan p) => new(p.Id, p.StudentId, p.SchoolId, p.OwnerStaffId, p.Status, p.OnLeave, p.OpenedAt, p.ClosedAt,
        p.Outcome, p.Actions.OrderBy(a => a.AddedAt).Select(a => a.Text).ToList(),
        p.FollowUps.OrderBy(f => f.DueOn).Select(f => new FollowUpView(f.Id, f.DueOn, f.Kind, f.DoneAt, f.Note)).ToList(),
        p.Reviews.OrderBy(r => r.ReviewedAt).Select(r => new ReviewView(r.Id, r.ReviewedAt, r.Note, r.LevelAfter)).ToList());
}
public sealed record OverdueFollowUp(Guid PlanId, Guid StudentId, Guid OwnerStaffId, Guid FollowUpId, DateOnly DueOn, int DaysOverdue);
public sealed record ReturnView(Guid Id, Guid StudentId, Guid PlanId, string Outcome, IReadOnlyList<DateOnly> FollowUps);

/// <summary>Individual plans (一生一策) and the return to school (复学评估): the school's counsellors and administrators.</summary>
public static class PlansApi
{
    public const int MaxActions = 50;

    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        RouteHandlerBuilder Audited(RouteHandlerBuilder b) => b.RequireRoles(ScreeningRoles.SchoolCase).AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("plan");
        Audited(api.MapPost("/students/{studentId:guid}/plans", OpenAsync));
        Audited(api.MapGet("/students/{studentId:guid}/plans", ListAsync));
        Audited(api.MapPost("/plans/{planId:guid}/actions", AddActionAsync));
        Audited(api.MapPost("/plans/{planId:guid}/follow-ups", AddFollowUpAsync));
        Audited(api.MapPost("/plans/{planId:guid}/follow-ups/{followUpId:guid}/done", FollowUpDoneAsync));
        Audited(api.MapPost("/plans/{planId:guid}/reviews", ReviewAsync));
        Audited(api.MapPost("/plans/{planId:guid}/close", CloseAsync));
        Audited(api.MapGet("/schools/{schoolId:guid}/overdue-follow-ups", OverdueAsync));
        Audited(api.MapPost("/students/{studentId:guid}/return-assessments", ReturnAsync));
        return api;
    }

    /// <summary>The student if the caller's school is theirs; another school's is answered as missing.</summary>
    internal static async Task<Student?> ReachableStudentAsync(ScreeningDbContext db, HttpContext http, Guid studentId)
    {
        var student = await db.Students.FirstOrDefaultAsync(s => s.StudentId == studentId, http.RequestAborted);
        return student is not null && CallerScope.From(http.User).CanReachSchool(student.BureauId, student.SchoolId) ? student : null;
    }

    private static async Task<InterventionPlan?> ReachablePlanAsync(ScreeningDbContext db, HttpContext http, Guid planId)
    {
        var plan = await db.Plans.Include(p => p.Actions).Include(p => p.FollowUps).Include(p => p.Reviews)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == planId, http.RequestAborted);
        if (plan is null) return null;
        // Access follows the student's current school (after a transfer the old school loses it).
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.StudentId == plan.StudentId, http.RequestAborted);
        return student is not null && CallerScope.From(http.User).CanReachSchool(student.BureauId, student.SchoolId) ? plan : null;
    }

    private static async Task<Results<Created<PlanView>, NotFound>> OpenAsync(Guid studentId, PlanRequest request, HttpContext http,
        ScreeningDbContext db, SchoolClock time, AuditTrail audit)
    {
        var owner = request.OwnerStaffId is { } o && o != Guid.Empty ? o : throw new RequestRejectedException("ownerStaffId", "Name the person in charge (a staff id).");
        if (request.Actions is not { Count: > 0 and <= MaxActions }) throw new RequestRejectedException("actions", $"Give 1 to {MaxActions} actions.");
        var actions = request.Actions.Select((a, i) => CaseRules.Text($"actions[{i}]", a)).ToList();
        var today = time.Today();
        if (request.FollowUps is not { Count: > 0 and <= MaxActions }) throw new RequestRejectedException("followUps", $"Give 1 to {MaxActions} follow-up dates.");
        var dates = request.FollowUps.Select((d, i) => CaseRules.PlausibleDate($"followUps[{i}]", d, today)).ToList();
        if (await ReachableStudentAsync(db, http, studentId) is not { } student) return TypedResults.NotFound();
        // The person in charge is staff of the student's school: no school hands its cases to another school's staff.
        await db.RequireStaffAsync(owner, "ownerStaffId", staff => staff.BureauId == student.BureauId && staff.SchoolId == student.SchoolId, http.RequestAborted);
        PlanRules.OnePlanPerStudent(await db.Plans.AnyAsync(p => p.StudentId == studentId && p.Status == PlanRules.Open, http.RequestAborted));

        var now = time.GetUtcNow();
        var plan = new InterventionPlan
        {
            Id = Guid.CreateVersion7(), BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = studentId, OwnerStaffId = owner,
            OpenedAt = now, OpenedBy = ScreeningApi.Actor(http),
            Actions = actions.Select(a => new PlanAction { Id = Guid.CreateVersion7(), Text = a, AddedAt = now }).ToList(),
            FollowUps = dates.Select(d => new PlanFollowUp { Id = Guid.CreateVersion7(), DueOn = d }).ToList(),
        };
        db.Plans.Add(plan);
        db.Publish(new InterventionPlanOpened
        {
            BureauId = student.BureauId, SchoolId = student.SchoolId, PlanId = plan.Id, StudentId = studentId, OwnerStaffId = owner, OccurredAt = now,
        }, EventKeys.Student(studentId));
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "plan", plan.Id.ToString(), studentId, student.SchoolId));
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(out _))
        {
            throw PlanRules.OneOpenPlan(); // a concurrent open won the unique index on open plans
        }
        return TypedResults.Created($"/api/screening/students/{studentId}/plans", PlanView.Of(plan));
    }

    private static async Task<Results<Ok<List<PlanView>>, NotFound>> ListAsync(Guid studentId, HttpContext http, ScreeningDbContext db)
    {
        if (await ReachableStudentAsync(db, http, studentId) is null) return TypedResults.NotFound();
        var plans = await db.Plans.AsNoTracking().Include(p => p.Actions).Include(p => p.FollowUps).Include(p => p.Reviews).AsSplitQuery()
            .Where(p => p.StudentId == studentId).OrderByDescending(p => p.OpenedAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(plans.Select(PlanView.Of).ToList());
    }

    private static async Task<Results<Ok<PlanView>, NotFound>> AddActionAsync(Guid planId, PlanActionRequest request, HttpContext http,
        ScreeningDbContext db, SchoolClock time, AuditTrail audit)
    {
        var text = CaseRules.Text("text", request.Text);
        if (await ReachablePlanAsync(db, http, planId) is not { } plan) return TypedResults.NotFound();
        if (PlanRules.MustBeOpen(plan).Actions.Count >= MaxActions) throw new RequestRejectedException("text", $"A plan has at most {MaxActions} actions.");
        var action = new PlanAction { Id = Guid.CreateVersion7(), PlanId = plan.Id, Text = text, AddedAt = time.GetUtcNow() };
        db.Add(action);
        return await SavedAsync(db, http, audit, plan);
    }

    private static async Task<Results<Ok<PlanView>, NotFound>> AddFollowUpAsync(Guid planId, FollowUpRequest request, HttpContext http,
        ScreeningDbContext db, SchoolClock time, AuditTrail audit)
    {
        var due = CaseRules.PlausibleDate("dueOn", request.DueOn, time.Today());
        if (await ReachablePlanAsync(db, http, planId) is not { } plan) return TypedResults.NotFound();
        if (PlanRules.MustBeOpen(plan).FollowUps.Count >= 200) throw new RequestRejectedException("dueOn", "A plan has at most 200 follow-ups.");
        var followUp = new PlanFollowUp { Id = Guid.CreateVersion7(), PlanId = plan.Id, DueOn = due };
        db.Add(followUp);
        return await SavedAsync(db, http, audit, plan);
    }

    private static async Task<Results<Ok<PlanView>, NotFound>> FollowUpDoneAsync(Guid planId, Guid followUpId, FollowUpDoneRequest request,
        HttpContext http, ScreeningDbContext db, SchoolClock time, AuditTrail audit)
    {
        var note = CaseRules.Text("note", request.Note);
        if (await ReachablePlanAsync(db, http, planId) is not { } plan) return TypedResults.NotFound();
        var followUp = PlanRules.MustBeOpen(plan).FollowUps.FirstOrDefault(f => f.Id == followUpId);
        if (followUp is null) return TypedResults.NotFound();
        if (followUp.DoneAt is not null) throw new RequestRejectedException("followUpId", "Already done.", StatusCodes.Status409Conflict);
        (followUp.DoneAt, followUp.DoneBy, followUp.Note) = (time.GetUtcNow(), ScreeningApi.Actor(http), note);
        return await SavedAsync(db, http, audit, plan);
    }

    private static async Task<Results<Ok<PlanView>, NotFound>> ReviewAsync(Guid planId, ReviewRequest request, HttpContext http,
        ScreeningDbContext db, RiskRegistry registry, SchoolClock time, AuditTrail audit)
    {
        var note = CaseRules.Text("note", request.Note);
        if (request.Level is { } reviewed) RiskRules.MustBeALevel(registry.Levels, reviewed);
        if (await ReachablePlanAsync(db, http, planId) is not { } plan) return TypedResults.NotFound();
        PlanRules.MustBeOpen(plan);
        var now = time.GetUtcNow();
        var review = new PlanReview { Id = Guid.CreateVersion7(), PlanId = plan.Id, ReviewedAt = now, ReviewedBy = ScreeningApi.Actor(http), Note = note, LevelAfter = request.Level };
        db.Add(review);
        if (request.Level is { } level)
        {
            var student = await db.Students.FirstAsync(s => s.StudentId == plan.StudentId, http.RequestAborted);
            registry.Review(db, student, level, now);
        }
        return await SavedAsync(db, http, audit, plan);
    }

    private static async Task<Results<Ok<PlanView>, NotFound>> CloseAsync(Guid planId, ClosePlanRequest request, HttpContext http,
        ScreeningDbContext db, SchoolClock time, AuditTrail audit)
    {
        var outcome = CaseRules.OneOf("outcome", request.Outcome, CaseRules.PlanOutcomes);
        if (await ReachablePlanAsync(db, http, planId) is not { } plan) return TypedResults.NotFound();
        CaseRules.ClosingNeedsAReview(PlanRules.MustBeOpen(plan).Reviews.Count);
        var now = time.GetUtcNow();
        (plan.Status, plan.ClosedAt, plan.Outcome) = (PlanRules.Closed, now, outcome);
        db.Publish(new InterventionPlanClosed
        {
            BureauId = plan.BureauId, SchoolId = plan.SchoolId, PlanId = plan.Id, StudentId = plan.StudentId, Outcome = outcome, OccurredAt = now,
        }, EventKeys.Student(plan.StudentId));
        return await SavedAsync(db, http, audit, plan);
    }

    private static async Task<Results<Ok<PlanView>, NotFound>> SavedAsync(ScreeningDbContext db, HttpContext http, AuditTrail audit, InterventionPlan plan)
    {
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "plan", plan.Id.ToString(), plan.StudentId, plan.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(PlanView.Of(plan));
    }

    /// <summary>Follow-ups of open plans whose date has passed and that are not done, oldest first.</summary>
    private static async Task<Results<Ok<List<OverdueFollowUp>>, NotFound>> OverdueAsync(Guid schoolId, HttpContext http, ScreeningDbContext db, SchoolClock time)
    {
        var caller = CallerScope.From(http.User);
        if (caller.BureauId is not { } bureau || !caller.CanReachSchool(bureau, schoolId)) return TypedResults.NotFound();
        var today = time.Today();
        var rows = await (from f in db.FollowUps.AsNoTracking()
                          join p in db.Plans.AsNoTracking() on f.PlanId equals p.Id
                          where p.SchoolId == schoolId && p.BureauId == bureau && p.Status == "open" && !p.OnLeave && f.DoneAt == null && f.DueOn < today
                          orderby f.DueOn
                          select new { p.Id, p.StudentId, p.OwnerStaffId, FollowUpId = f.Id, f.DueOn }).Take(2000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(rows.Select(r => new OverdueFollowUp(r.Id, r.StudentId, r.OwnerStaffId, r.FollowUpId, r.DueOn, today.DayNumber - r.DueOn.DayNumber)).ToList());
    }

    /// <summary>
    /// The return-to-school assessment: with the hospital's documents and a complete safety plan the student returns, the
    /// plan continues (off leave) and gets weekly check-ins; "deferred" records the assessment and keeps the plan waiting.
    /// </summary>
    private static async Task<Results<Created<ReturnView>, NotFound>> ReturnAsync(Guid studentId, ReturnRequest request, HttpContext http,
        ScreeningDbContext db, IOptions<ScreeningOptions> options, SchoolClock time, AuditTrail audit)
    {
        var outcome = CaseRules.OneOf("outcome", request.Outcome, CaseRules.ReturnOutcomes);
        var documents = RequestValidation.Required(request.HospitalDocumentsReceived, "hospitalDocumentsReceived", "Say whether the hospital's documents were received.");
        CaseRules.ReturnNeedsDocumentsAndSafetyPlan(outcome, documents, request.SafetyPlan);
        if (request.SafetyPlan is { } sp)
        {
            foreach (var (field, text) in new[] { ("warningSigns", sp.WarningSigns), ("internalCoping", sp.InternalCoping), ("socialDistractions", sp.SocialDistractions),
                ("peopleToAsk", sp.PeopleToAsk), ("professionalsAndCrisisLines", sp.ProfessionalsAndCrisisLines), ("meansSafety", sp.MeansSafety) })
                CaseRules.Text($"safetyPlan.{field}", text, required: false);
        }
        var today = time.Today();
        var first = request.FirstFollowUpOn is null ? today.AddDays(options.Value.Return.FollowUpIntervalDays)
            : CaseRules.PlausibleDate("firstFollowUpOn", request.FirstFollowUpOn, today);
        if (await ReachableStudentAsync(db, http, studentId) is not { } student) return TypedResults.NotFound();
        var plan = await db.Plans.Include(p => p.FollowUps).FirstOrDefaultAsync(p => p.StudentId == studentId && p.Status == PlanRules.Open, http.RequestAborted)
            ?? throw new RequestRejectedException("studentId", "The student has no open plan; open one before the return.");

        var now = time.GetUtcNow();
        var assessment = new ReturnAssessment
        {
            Id = Guid.CreateVersion7(), BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = studentId, PlanId = plan.Id,
            HospitalDocumentsReceived = documents, SafetyPlan = JsonSerializer.Serialize(request.SafetyPlan, InstrumentCatalog.Json),
            Outcome = outcome, AssessedAt = now, AssessedBy = ScreeningApi.Actor(http),
        };
        db.ReturnAssessments.Add(assessment);
        IReadOnlyList<DateOnly> schedule = [];
        if (outcome == "returned")
        {
            plan.OnLeave = false;
            schedule = CaseRules.FollowUpSchedule(first, options.Value.Return.FollowUpCount, options.Value.Return.FollowUpIntervalDays);
            foreach (var d in schedule)
            {
                var f = new PlanFollowUp { Id = Guid.CreateVersion7(), PlanId = plan.Id, DueOn = d, Kind = "return-to-school" };
                db.Add(f);
            }
        }
        db.Publish(new ReturnToSchoolAssessed
        {
            BureauId = student.BureauId, SchoolId = student.SchoolId, AssessmentId = assessment.Id, StudentId = studentId, Outcome = outcome, OccurredAt = now,
        }, EventKeys.Student(studentId));
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "return-assessment", assessment.Id.ToString(), studentId, student.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/screening/students/{studentId}/plans", new ReturnView(assessment.Id, studentId, plan.Id, outcome, schedule));
    }
}
