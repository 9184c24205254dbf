using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Screening.Apis;

/// <summary>One student's answers to one instrument; <see cref="SubmissionId"/> is the client's, so a retry is harmless.</summary>
public sealed record SubmissionRequest(Guid? SubmissionId, Guid? StudentId, Guid? CampaignId, string? InstrumentCode,
    int? InstrumentVersion, List<int>? Answers);

public sealed record SubmissionResult(Guid SubmissionId, Guid StudentId, Guid? CampaignId, string InstrumentCode, int InstrumentVersion,
    int Total, string Band, string Level, bool CriticalItemAnswered, Guid? WarningId, DateTimeOffset SubmittedAt)
{
    public static SubmissionResult Of(Submission s) => new(s.Id, s.StudentId, s.CampaignId, s.InstrumentCode, s.InstrumentVersion,
        s.Total, s.Band, s.Level, s.CriticalItemAnswered, s.WarningId, s.SubmittedAt);
}

/// <summary>
/// Submissions: the hot path of a city-wide screening in class time. One read for an earlier copy of the submission,
/// one for the student with their consent, instruments and campaigns from memory (both immutable), one transaction
/// writing the result, the level, the warning and their events.
/// </summary>
public static class SubmissionsApi
{
    public const int MaxAnswers = InstrumentRules.MaxItems;

    public static RouteGroupBuilder MapSubmissionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/submissions", SubmitAsync).RequireRoles(ScreeningRoles.Submitters)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("screening-result");
        api.MapGet("/students/{studentId:guid}/submissions", ListAsync).RequireRoles(ScreeningRoles.SchoolCase)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("screening-result");
        return api;
    }

    private static async Task<Results<Created<SubmissionResult>, Ok<SubmissionResult>>> SubmitAsync(SubmissionRequest request,
        HttpContext http, ScreeningDbContext db, InstrumentCatalog instruments, CampaignCache campaigns, RiskRegistry registry,
        IOptions<ScreeningOptions> options, SchoolClock time, AuditTrail audit)
    {
        var ct = http.RequestAborted;
        var caller = CallerScope.From(http.User);
        var bureau = ScreeningApi.BureauOf(http);
        var submissionId = request.SubmissionId is { } sid && sid != Guid.Empty ? sid
            : throw new RequestRejectedException("submissionId", "Give the client's submission id (a UUID).");
        var studentId = request.StudentId is { } st && st != Guid.Empty ? st
            : throw new RequestRejectedException("studentId", "Give the student's id.");

        var earlier = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, ct);
        if (earlier is not null) return Replay(earlier, request, caller);

        var instrument = await InstrumentOfAsync(request, bureau, db, instruments, ct);
        var score = Scoring.Score(instrument, request.Answers);
        var student = await ScreenableStudentAsync(studentId, db, caller, options.Value, ct);
        var today = time.Today();
        if (request.CampaignId is { } campaignId)
        {
            var campaign = await campaigns.FindAsync(db, campaignId, ct) ?? throw new RequestRejectedException("campaignId", "No such campaign.");
            SubmissionRules.CampaignAccepts(campaign, student, instrument.Key, today);
        }

        var now = time.GetUtcNow();
        var actor = ScreeningApi.Actor(http);
        var submission = SubmissionRecorder.Record(db, registry, audit, student, instrument, score, request.Answers!,
            request.CampaignId, submissionId, actor, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same submission id won a race: answer with the stored one; nothing of ours was written.
            db.ChangeTracker.Clear();
            var stored = await db.Submissions.AsNoTracking().FirstAsync(s => s.Id == submissionId, ct);
            return Replay(stored, request, caller);
        }
        return TypedResults.Created($"/api/screening/students/{student.StudentId}/submissions", SubmissionResult.Of(submission));
    }

    /// <summary>The instrument and version asked for: built in, or the caller's bureau's; an unknown version of a known code names the version.</summary>
    private static async Task<InstrumentDefinition> InstrumentOfAsync(SubmissionRequest request, Guid bureau, ScreeningDbContext db,
        InstrumentCatalog instruments, CancellationToken ct)
    {
        if (request.InstrumentCode is not { } code || !InstrumentRules.IsCode(code))
            throw new RequestRejectedException("instrumentCode", "Give an instrument code (\"phq-9\").");
        var version = request.InstrumentVersion ?? throw new RequestRejectedException("instrumentVersion", "Give the instrument's version.");
        if (request.Answers is { Count: > MaxAnswers }) throw new RequestRejectedException("answers", "Too many answers.");
        var instrument = InstrumentCatalog.BuiltIn(code, version) ?? await instruments.FindAsync(db, bureau, code, version, ct);
        if (instrument is not null) return instrument;
        var codeKnown = BuiltInInstruments.All.Any(i => i.Code == code) || await db.Instruments.AnyAsync(i => i.BureauId == bureau && i.Code == code, ct);
        throw codeKnown
            ? new RequestRejectedException("instrumentVersion", $"{code} has no version {version}.")
            : new RequestRejectedException("instrumentCode", "No such instrument.");
    }

    /// <summary>The student, active, at a school the caller serves, with consent to screening; another school's is answered like a missing one.</summary>
    private static async Task<Student> ScreenableStudentAsync(Guid studentId, ScreeningDbContext db, CallerScope caller, ScreeningOptions options,
        CancellationToken ct)
    {
        var found = await db.Students
            .Where(s => s.StudentId == studentId)
            .Select(s => new { Student = s, Consent = db.Consents.Where(c => c.StudentId == studentId && c.Purpose == ConsentRules.Screening).Select(c => (bool?)c.Granted).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (found is null || !found.Student.Active || !caller.CanReachSchool(found.Student.BureauId, found.Student.SchoolId))
            throw new RequestRejectedException("studentId", "No such student at a school you serve.");
        ConsentRules.ConsentGiven(ConsentRules.Screening, found.Consent, options.Consent.SchoolNoticeSuffices);
        return found.Student;
    }

    /// <summary>The same submission id again: the stored result, no second event. Another student's id is a conflict.</summary>
    private static Ok<SubmissionResult> Replay(Submission stored, SubmissionRequest request, CallerScope caller)
    {
        if (stored.StudentId != request.StudentId || !caller.CanReachSchool(stored.BureauId, stored.SchoolId))
            throw new RequestRejectedException("submissionId", "This submission id was used for another submission.", StatusCodes.Status409Conflict);
        return TypedResults.Ok(SubmissionResult.Of(stored));
    }

    private static async Task<Results<Ok<List<SubmissionResult>>, NotFound>> ListAsync(Guid studentId, HttpContext http, ScreeningDbContext db)
    {
        var caller = CallerScope.From(http.User);
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.StudentId == studentId, http.RequestAborted);
        if (student is null || !caller.CanReachSchool(student.BureauId, student.SchoolId)) return TypedResults.NotFound();
        var list = await db.Submissions.AsNoTracking().Where(s => s.StudentId == studentId).OrderByDescending(s => s.SubmittedAt)
            .Take(200).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(SubmissionResult.Of).ToList());
    }
}
