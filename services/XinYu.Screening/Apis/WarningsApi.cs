using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Screening.Apis;

/// <summary>A mentor's or teacher's observation of a student in their class: it raises a warning at the level observed.</summary>
public sealed record ObservationRequest(Guid? StudentId, string? Level, string? Note);

/// <summary>
/// A warning in a queue: ids, level, tier and status; never the observation's text. <c>EscalatesAt</c>: when it moves up
/// a tier unless acknowledged first (from the escalation settings; null when acknowledged or at the bureau).
/// </summary>
public sealed record WarningView(Guid Id, Guid StudentId, Guid SchoolId, Guid ClassId, string Level, string Source, string Tier,
    DateTimeOffset TierSince, DateTimeOffset RaisedAt, string Status, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EscalatesAt)
{
    /// <summary>The view maker for one request: the settings (levels, deadlines) read once, as the sweep reads them.</summary>
    public static Func<Warning, WarningView> With(ScreeningOptions settings)
    {
        var levels = settings.Levels();
        return w => new(w.Id, w.StudentId, w.SchoolId, w.ClassId, w.Level, w.Source, w.Tier, w.TierSince,
            w.RaisedAt, w.IsOpen ? "open" : "acknowledged", w.AcknowledgedAt,
            EscalationRules.EscalatesAt(w.Tier, w.TierSince, w.IsOpen, settings.Escalation.DeadlineFor(w.Level, levels)));
    }
}

/// <summary>The bureau's view of a warning that reached it: which school, how grave, since when; no student or class id.</summary>
public sealed record BureauWarningView(Guid Id, Guid SchoolId, string Level, string Source, string Tier, DateTimeOffset TierSince, DateTimeOffset RaisedAt)
{
    public static BureauWarningView Of(Warning w) => new(w.Id, w.SchoolId, w.Level, w.Source, w.Tier, w.TierSince, w.RaisedAt);
}

/// <summary>What an observer sees of a warning they raised: its status, nothing else.</summary>
public sealed record RaisedWarningStatus(Guid Id, Guid StudentId, string Level, string Tier, string Status, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt);

public sealed record WarningDetailView(WarningView Warning, Guid? SubmissionId, [property: XinYu.ServiceDefaults.Logging.SensitiveData] string? Details);

/// <summary>The dynamic registry: who is on which level now, since when, and why (codes).</summary>
public sealed record RegistryEntry(Guid StudentId, Guid ClassId, int Grade, string Level, DateTimeOffset? Since, IReadOnlyList<string> Reasons);
public sealed record RegistryCount(Guid SchoolId, string Level, int Students);

/// <summary>The three-level warning (三级预警): queues, acknowledgement, observations, the registry.</summary>
public static class WarningsApi
{
    public const int MaxNoteLength = 4000;

    public static RouteGroupBuilder MapWarningsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/observations", ObserveAsync).RequireRoles(ScreeningRoles.Observers)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("warning");
        api.MapGet("/observations/mine", MineAsync).RequireRoles(ScreeningRoles.Observers);
        api.MapGet("/schools/{schoolId:guid}/warnings", SchoolQueueAsync).RequireRoles(ScreeningRoles.SchoolCase)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("warning");
        api.MapGet("/classes/{classId:guid}/warnings", ClassQueueAsync).RequireRoles(ScreeningRoles.ClassQueueReaders)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("warning");
        api.MapGet("/bureau/warnings", BureauQueueAsync).RequireRoles(ScreeningRoles.BureauStaff)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("warning");
        api.MapGet("/warnings/{warningId:guid}", DetailAsync).RequireRoles(ScreeningRoles.SchoolCase)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("crisis-details");
        api.MapPost("/warnings/{warningId:guid}/acknowledge", AcknowledgeAsync).RequireRoles(ScreeningRoles.Acknowledgers)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("warning");
        api.MapPost("/warnings/{warningId:guid}/escalate", EscalateAsync).RequireRoles(ScreeningRoles.Escalators)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("warning");
        api.MapGet("/schools/{schoolId:guid}/registry", RegistryAsync).RequireRoles(ScreeningRoles.SchoolCase)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("risk-registry");
        api.MapGet("/registry/counts", RegistryCountsAsync).RequireRoles(ScreeningRoles.BureauStaff);
        return api;
    }

    private static async Task<Created<RaisedWarningStatus>> ObserveAsync(ObservationRequest request, HttpContext http, ScreeningDbContext db,
        RiskRegistry registry, TimeProvider time, AuditTrail audit)
    {
        var caller = CallerScope.From(http.User);
        var studentId = request.StudentId is { } id && id != Guid.Empty ? id : throw new RequestRejectedException("studentId", "Give the student's id.");
        if (!registry.Levels.IsLevel(request.Level) || request.Level == registry.Levels.None)
            throw new RequestRejectedException("level", $"One of: {string.Join(", ", registry.Levels.Names.Skip(1))}.");
        var note = RequestValidation.MultiLine(request.Note, "note", MaxNoteLength, $"Describe what you observed in 1 to {MaxNoteLength} characters.");
        var student = await db.Students.FirstOrDefaultAsync(s => s.StudentId == studentId, http.RequestAborted);
        if (student is null || !student.Active || !caller.CanReachClass(student.BureauId, student.SchoolId, student.ClassId))
            throw new RequestRejectedException("studentId", "No such student in a class of yours.");
        var now = time.GetUtcNow();
        var warning = registry.Apply(db, student, request.Level!, false, ["observation"], "observation", null,
            ScreeningApi.Actor(http), note, now, alwaysWarn: true)!;
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "warning", warning.Id.ToString(), student.StudentId, student.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/screening/observations/mine", Status(warning));
    }

    private static RaisedWarningStatus Status(Warning w) =>
        new(w.Id, w.StudentId, w.Level, w.Tier, w.IsOpen ? "open" : "acknowledged", w.RaisedAt, w.AcknowledgedAt);

    private static async Task<Ok<List<RaisedWarningStatus>>> MineAsync(HttpContext http, ScreeningDbContext db)
    {
        var caller = CallerScope.From(http.User);
        var actor = ScreeningApi.Actor(http);
        var list = await db.Warnings.AsNoTracking()
            .Where(w => w.RaisedBy == actor && w.BureauId == caller.BureauId && w.Source == "observation")
            .OrderByDescending(w => w.RaisedAt).Take(500).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(Status).ToList());
    }

    /// <summary>The school's queue: every open warning of the school, whatever its tier (school staff act at once).</summary>
    private static async Task<Results<Ok<List<WarningView>>, NotFound>> SchoolQueueAsync(Guid schoolId, HttpContext http, ScreeningDbContext db,
        IOptionsMonitor<ScreeningOptions> options, [FromQuery] bool? includeAcknowledged)
    {
        var caller = CallerScope.From(http.User);
        if (caller.BureauId is not { } bureau || !caller.CanReachSchool(bureau, schoolId)) return TypedResults.NotFound();
        var query = db.Warnings.AsNoTracking().Where(w => w.SchoolId == schoolId && w.BureauId == bureau);
        if (includeAcknowledged != true) query = query.Where(w => w.AcknowledgedAt == null);
        var list = await query.OrderByDescending(w => w.RaisedAt).Take(1000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(WarningView.With(options.CurrentValue)).ToList());
    }

    /// <summary>A class's queue: head teachers their own classes, school staff any class of their school.</summary>
    private static async Task<Results<Ok<List<WarningView>>, NotFound>> ClassQueueAsync(Guid classId, HttpContext http, ScreeningDbContext db,
        IOptionsMonitor<ScreeningOptions> options)
    {
        var caller = CallerScope.From(http.User);
        // The class's own school decides, not the caller's: another school's class (or one nobody knows) is missing,
        // not an empty queue. A class is known from the directory or from a student placed in it.
        var known = await db.Classes.AsNoTracking().Where(c => c.ClassId == classId).Select(c => new { c.BureauId, c.SchoolId })
            .FirstOrDefaultAsync(http.RequestAborted)
            ?? await db.Students.AsNoTracking().Where(s => s.ClassId == classId).Select(s => new { s.BureauId, s.SchoolId })
            .FirstOrDefaultAsync(http.RequestAborted);
        if (known is null || !caller.CanReachClass(known.BureauId, known.SchoolId, classId)) return TypedResults.NotFound();
        var (bureau, school) = (known.BureauId, known.SchoolId);
        var list = await db.Warnings.AsNoTracking()
            .Where(w => w.ClassId == classId && w.SchoolId == school && w.BureauId == bureau && w.AcknowledgedAt == null)
            .OrderByDescending(w => w.RaisedAt).Take(1000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(WarningView.With(options.CurrentValue)).ToList());
    }

    /// <summary>The bureau's queue: open warnings that reached the bureau tier, without student ids (bureau figures carry none).</summary>
    private static async Task<Ok<List<BureauWarningView>>> BureauQueueAsync(HttpContext http, ScreeningDbContext db)
    {
        var bureau = ScreeningApi.BureauOf(http);
        var list = await db.Warnings.AsNoTracking()
            .Where(w => w.BureauId == bureau && w.Tier == WarningTiers.Bureau && w.AcknowledgedAt == null)
            .OrderBy(w => w.TierSince).Take(1000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(BureauWarningView.Of).ToList());
    }

    private static async Task<Results<Ok<WarningDetailView>, NotFound>> DetailAsync(Guid warningId, HttpContext http, ScreeningDbContext db,
        IOptionsMonitor<ScreeningOptions> options)
    {
        var caller = CallerScope.From(http.User);
        if (string.IsNullOrWhiteSpace(http.Request.Headers[AuditedEndpoints.PurposeHeader]))
            throw new RequestRejectedException(AuditedEndpoints.PurposeHeader, "State why you read this warning's details (X-Purpose).");
        var w = await db.Warnings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == warningId, http.RequestAborted);
        if (w is null || !caller.CanReachSchool(w.BureauId, w.SchoolId)) return TypedResults.NotFound();
        return TypedResults.Ok(new WarningDetailView(WarningView.With(options.CurrentValue)(w), w.SubmissionId, w.Details));
    }

    /// <summary>
    /// A responsible adult at the warning's tier, or above it within the school, acknowledges it: at class tier the
    /// class's head teacher or the school's counsellors and administrators; at school tier those; at bureau tier the
    /// bureau's staff. Anyone else is answered as if the warning did not exist.
    /// </summary>
    private static async Task<Results<Ok<WarningView>, NotFound>> AcknowledgeAsync(Guid warningId, HttpContext http, ScreeningDbContext db,
        TimeProvider time, AuditTrail audit, IOptionsMonitor<ScreeningOptions> options)
    {
        var view = WarningView.With(options.CurrentValue);
        var caller = CallerScope.From(http.User);
        var w = await db.Warnings.FirstOrDefaultAsync(x => x.Id == warningId, http.RequestAborted);
        if (w is null || !MayAcknowledge(caller, w)) return TypedResults.NotFound();
        if (!w.IsOpen) return TypedResults.Ok(view(w));
        w.AcknowledgedAt = time.GetUtcNow();
        w.AcknowledgedBy = ScreeningApi.Actor(http);
        db.Publish(new WarningAcknowledged
        {
            BureauId = w.BureauId, SchoolId = w.SchoolId, WarningId = w.Id, StudentId = w.StudentId, Tier = w.Tier, OccurredAt = w.AcknowledgedAt.Value,
        }, EventKeys.Student(w.StudentId));
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "warning", w.Id.ToString(), w.StudentId, w.SchoolId));
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestRejectedException("warningId", "The warning was escalated a moment ago; look again and acknowledge at its new tier.",
                StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(view(w));
    }

    /// <summary>
    /// Escalating by hand (班级 → 校级 → 市级): a responsible adult at the warning's tier who judges it beyond the tier
    /// moves it up now rather than at the deadline. The same people as may acknowledge it at that tier; a bureau-tier
    /// warning has nowhere to go (and school staff do not reach it: 404). An acknowledged warning is someone's in hand
    /// at its tier: 409, as is one the sweep moved a moment ago.
    /// </summary>
    private static async Task<Results<Ok<WarningView>, NotFound>> EscalateAsync(Guid warningId, HttpContext http, ScreeningDbContext db,
        TimeProvider time, AuditTrail audit, IOptionsMonitor<ScreeningOptions> options)
    {
        var view = WarningView.With(options.CurrentValue);
        var caller = CallerScope.From(http.User);
        var w = await db.Warnings.FirstOrDefaultAsync(x => x.Id == warningId, http.RequestAborted);
        if (w is null || !MayAcknowledge(caller, w) || WarningTiers.Next(w.Tier) is not { } next) return TypedResults.NotFound();
        if (!w.IsOpen)
            throw new RequestRejectedException("warningId", "The warning was acknowledged at its tier; it no longer escalates.", StatusCodes.Status409Conflict);
        var now = time.GetUtcNow();
        var from = w.Tier;
        w.Tier = next;
        w.TierSince = now;
        db.Publish(new WarningEscalated
        {
            BureauId = w.BureauId, SchoolId = w.SchoolId, WarningId = w.Id, StudentId = w.StudentId, FromTier = from, ToTier = next, OccurredAt = now,
        }, EventKeys.Student(w.StudentId));
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "warning", w.Id.ToString(), w.StudentId, w.SchoolId));
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestRejectedException("warningId", "The warning was acknowledged or escalated a moment ago; look again.",
                StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(view(w));
    }

    public static bool MayAcknowledge(CallerScope caller, Warning w) => w.Tier switch
    {
        WarningTiers.Class => caller.CanReachSchool(w.BureauId, w.SchoolId) && !caller.IsBureauStaff
            && (caller.IsInRole(XinYuRoles.Counsellor) || caller.IsInRole(XinYuRoles.SchoolAdmin)
                || (caller.IsInRole(XinYuRoles.HeadTeacher) && caller.ClassIds.Contains(w.ClassId))),
        WarningTiers.School => caller.CanReachSchool(w.BureauId, w.SchoolId) && !caller.IsBureauStaff
            && (caller.IsInRole(XinYuRoles.Counsellor) || caller.IsInRole(XinYuRoles.SchoolAdmin)),
        WarningTiers.Bureau => caller.IsBureauStaff && caller.BureauId == w.BureauId,
        _ => false,
    };

    private static async Task<Results<Ok<List<RegistryEntry>>, NotFound>> RegistryAsync(Guid schoolId, HttpContext http, ScreeningDbContext db)
    {
        var caller = CallerScope.From(http.User);
        if (caller.BureauId is not { } bureau || !caller.CanReachSchool(bureau, schoolId)) return TypedResults.NotFound();
        var list = await db.Students.AsNoTracking()
            .Where(s => s.SchoolId == schoolId && s.BureauId == bureau && s.Active && s.LevelRank > 0)
            .OrderByDescending(s => s.LevelRank).ThenBy(s => s.LevelSince).Take(5000)
            .Select(s => new RegistryEntry(s.StudentId, s.ClassId, s.Grade, s.Level, s.LevelSince, s.LevelReasons))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list);
    }

    /// <summary>Bureau figures: students per school and level, no ids, no names.</summary>
    private static async Task<Ok<List<RegistryCount>>> RegistryCountsAsync(HttpContext http, ScreeningDbContext db)
    {
        var bureau = ScreeningApi.BureauOf(http);
        var counts = await db.Students.AsNoTracking().Where(s => s.BureauId == bureau && s.Active && s.LevelRank > 0)
            .GroupBy(s => new { s.SchoolId, s.Level }).Select(g => new RegistryCount(g.Key.SchoolId, g.Key.Level, g.Count()))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(counts.OrderBy(c => c.SchoolId).ThenBy(c => c.Level).ToList());
    }
}
