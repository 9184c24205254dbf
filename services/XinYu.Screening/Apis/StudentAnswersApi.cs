using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Screening.Apis;

/// <summary>A student's code, in the body (never in a URL), with the campaign the slip's link names.</summary>
public sealed record RedeemRequest(Guid? CampaignId, string? Code);

public sealed record StudentItem(string Code, string TextZh, string TextEn);

/// <summary>An instrument as a student answers it: its items and answer scale; no scoring, bands or critical items.</summary>
public sealed record StudentInstrument(string Code, int Version, string NameZh, string NameEn, AnswerScale Scale, IReadOnlyList<StudentItem> Items);

public sealed record RedeemedCode(Guid CampaignId, string CampaignName, string Explanation, DateOnly WindowEnd, IReadOnlyList<StudentInstrument> Instruments);

public sealed record InstrumentAnswers(string? InstrumentCode, int? InstrumentVersion, List<int>? Answers);

/// <summary>Every instrument of the campaign answered at once; <see cref="SubmissionId"/> is the page's, so a resend is harmless.</summary>
public sealed record CodeSubmissionRequest(Guid? CampaignId, string? Code, Guid? SubmissionId, List<InstrumentAnswers>? Answers);

public sealed record HotlineView(string Name, string Number);

/// <summary>
/// Shown when a critical item was answered: whom to call now, and when the school's counsellor will be in touch.
/// <see cref="ContactBy"/> is the day (the bureau's date) the counsellor will be in touch: today with a counsellor on duty
/// at the school, else the next school day; null when Screening cannot tell (<see cref="ContactDay"/>).
/// </summary>
public sealed record SupportView(IReadOnlyList<HotlineView> Hotlines, DateOnly? ContactBy);

/// <summary>"submitted" (201) or "already-submitted" (200, nothing stored again). Never a score or a level.</summary>
public sealed record CodeSubmissionResult(string Status, DateTimeOffset SubmittedAt, SupportView? Support);

/// <summary>
/// The students' side of answer codes, anonymous (students have no accounts): redeem a code to see what to answer,
/// then submit every instrument with it, once. The answers go through <see cref="SubmissionRecorder"/> like a staff
/// submission, so the crisis warning is raised exactly as for one.
/// </summary>
public static class StudentAnswersApi
{
    public const int MaxCodeText = 64;

    public static RouteGroupBuilder MapStudentAnswersApi(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/answer-codes").AllowAnonymous();
        open.MapPost("/redeem", RedeemAsync).ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapPost("/submissions", SubmitAsync).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    /// <summary>What the student endpoints' helpers need (the handlers bind them one by one).</summary>
    public sealed record AnswerServices(HttpContext Http, ScreeningDbContext Db, CampaignCache Campaigns, InstrumentCatalog Instruments,
        RiskRegistry Registry, IOptions<AnswerCodeOptions> CodeOptions, IOptions<SupportOptions> Support, IOptions<ScreeningOptions> Options,
        SchoolClock Time, AuditTrail Audit);

    private static async Task<Ok<RedeemedCode>> RedeemAsync(RedeemRequest request, HttpContext http, ScreeningDbContext db, CampaignCache campaigns,
        InstrumentCatalog instruments, RiskRegistry registry, IOptions<AnswerCodeOptions> codeOptions, IOptions<SupportOptions> support,
        IOptions<ScreeningOptions> options, SchoolClock time, AuditTrail audit)
    {
        var services = new AnswerServices(http, db, campaigns, instruments, registry, codeOptions, support, options, time, audit);
        var ct = http.RequestAborted;
        var (campaign, code) = await AnswerCodeGate.FindAsync(request.CampaignId, request.Code, db, services.Campaigns,
            services.CodeOptions.Value, services.Time.GetUtcNow(), ct);
        if (!AnswerCodeRules.Redeemable(code, campaign, services.Time.Today())) throw AnswerCodeGate.NotValidCode();
        // A student who left is not screened: their slip shows nothing either.
        if (!await db.Students.AnyAsync(s => s.StudentId == code.StudentId && s.Active, ct)) throw AnswerCodeGate.NotValidCode();
        var shown = new List<StudentInstrument>();
        foreach (var definition in await InstrumentsOfAsync(campaign, services))
        {
            shown.Add(new StudentInstrument(definition.Code, definition.Version, definition.NameZh, definition.NameEn, definition.Scale,
                definition.Items.Select(i => new StudentItem(i.Code, i.TextZh, i.TextEn)).ToList()));
        }
        return TypedResults.Ok(new RedeemedCode(campaign.Id, campaign.Name, campaign.Explanation ?? services.CodeOptions.Value.DefaultExplanation,
            campaign.WindowEnd, shown));
    }

    private static async Task<Results<Created<CodeSubmissionResult>, Ok<CodeSubmissionResult>>> SubmitAsync(CodeSubmissionRequest request,
        HttpContext http, ScreeningDbContext db, CampaignCache campaigns,
        InstrumentCatalog instruments, RiskRegistry registry, IOptions<AnswerCodeOptions> codeOptions, IOptions<SupportOptions> support,
        IOptions<ScreeningOptions> options, SchoolClock time, AuditTrail audit)
    {
        var services = new AnswerServices(http, db, campaigns, instruments, registry, codeOptions, support, options, time, audit);
        var ct = http.RequestAborted;
        var submissionId = request.SubmissionId is { } sid && sid != Guid.Empty ? sid
            : throw new RequestRejectedException("submissionId", "Give the page's submission id (a UUID).");
        if (request.Answers is not { Count: > 0 and <= CampaignsApi.MaxInstruments })
            throw new RequestRejectedException("answers", "Give the answers to every instrument of the screening.");
        var (campaign, code) = await AnswerCodeGate.FindAsync(request.CampaignId, request.Code, db, services.Campaigns,
            services.CodeOptions.Value, services.Time.GetUtcNow(), ct);
        if (code.UsedAt is not null) return await AgainAsync(code, submissionId, services);
        var today = services.Time.Today();
        if (!AnswerCodeRules.Redeemable(code, campaign, today)) throw AnswerCodeGate.NotValidCode();

        // The code's student, whatever the body says: a code answers for its own student only.
        var found = await db.Students.Where(s => s.StudentId == code.StudentId)
            .Select(s => new { Student = s, Consent = db.Consents.Where(c => c.StudentId == code.StudentId && c.Purpose == ConsentRules.Screening).Select(c => (bool?)c.Granted).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (found is null || !found.Student.Active) throw AnswerCodeGate.NotValidCode();
        var student = found.Student;
        ConsentRules.ConsentGiven(ConsentRules.Screening, found.Consent, services.Options.Value.Consent.SchoolNoticeSuffices);

        var scored = await ScoredAsync(request.Answers, campaign, student, today, services);
        var (now, actor) = (services.Time.GetUtcNow(), $"answer-code:{code.Id}");
        foreach (var (instrument, score, answers) in scored)
        {
            SubmissionRecorder.Record(db, services.Registry, services.Audit, student, instrument, score, answers, campaign.Id,
                Guid.CreateVersion7(), actor, now);
        }
        code.UsedAt = now;
        code.SubmissionId = submissionId;
        code.CriticalItemAnswered = scored.Any(s => s.Score.CriticalItemAnswered);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request used (or a teacher revoked) the code meanwhile; nothing of ours was written.
            db.ChangeTracker.Clear();
            var stored = await db.AnswerCodes.AsNoTracking().FirstAsync(c => c.Id == code.Id, ct);
            if (stored.UsedAt is not null) return await AgainAsync(stored, submissionId, services);
            throw AnswerCodeGate.NotValidCode();
        }
        return TypedResults.Created((string?)null, await ResultAsync("submitted", code, services));
    }

    /// <summary>A used code again: the same page's resend is told "already submitted"; any other use is an invalid code.</summary>
    private static async Task<Ok<CodeSubmissionResult>> AgainAsync(AnswerCode code, Guid submissionId, AnswerServices services) =>
        code.SubmissionId == submissionId ? TypedResults.Ok(await ResultAsync("already-submitted", code, services)) : throw AnswerCodeGate.NotValidCode();

    private static async Task<CodeSubmissionResult> ResultAsync(string status, AnswerCode code, AnswerServices services) =>
        new(status, code.UsedAt!.Value, code.CriticalItemAnswered
            ? new SupportView(services.Support.Value.For(code.BureauId).Select(h => new HotlineView(h.Name, h.Number)).ToList(),
                await ContactByAsync(code, services))
            : null);

    /// <summary>What Screening knows of the student's school's calendar and duty rota, for <see cref="ContactDay"/>.</summary>
    private static async Task<DateOnly?> ContactByAsync(AnswerCode code, AnswerServices services)
    {
        var (db, ct) = (services.Db, services.Http.RequestAborted);
        var local = services.Time.LocalTime(services.Time.GetUtcNow());
        var today = DateOnly.FromDateTime(local.DateTime);
        var horizon = today.AddDays(ContactDay.HorizonDays);
        var school = await db.Students.Where(s => s.StudentId == code.StudentId).Select(s => s.SchoolId).FirstAsync(ct);
        var slots = await db.DutySlots.AsNoTracking().Where(s => s.SchoolId == school && !s.Cancelled && s.Date >= today && s.Date <= horizon)
            .Select(s => new { s.Date, s.EndsAt }).ToListAsync(ct);
        var terms = await db.Terms.AsNoTracking().Where(t => t.BureauId == code.BureauId && t.EndsOn >= today && t.StartsOn <= horizon)
            .Select(t => new { t.StartsOn, t.EndsOn }).ToListAsync(ct);
        var lists = await db.HolidayLists.AsNoTracking().Where(l => l.BureauId == code.BureauId && l.Year >= today.Year && l.Year <= horizon.Year).ToListAsync(ct);
        var workingDays = new WorkingDays(lists.SelectMany(l => l.Holidays.Select(d => new OfficialDay(d, DayKind.Holiday))
            .Concat(l.Workdays.Select(d => new OfficialDay(d, DayKind.Workday)))));
        return ContactDay.For(today, TimeOnly.FromDateTime(local.DateTime), slots.Select(s => (s.Date, s.EndsAt)).ToList(),
            terms.Select(t => (t.StartsOn, t.EndsOn)).ToList(), workingDays);
    }

    /// <summary>Each of the campaign's instruments answered once and scored; a refusal names the answer at fault.</summary>
    private static async Task<List<(InstrumentDefinition Instrument, ScoreResult Score, List<int> Answers)>> ScoredAsync(
        List<InstrumentAnswers> answers, Campaign campaign, Student student, DateOnly today, AnswerServices services)
    {
        var scored = new List<(InstrumentDefinition, ScoreResult, List<int>)>();
        var seen = new HashSet<string>();
        for (var i = 0; i < answers.Count; i++)
        {
            var given = answers[i];
            if (given?.InstrumentCode is not { } instrumentCode || !InstrumentRules.IsCode(instrumentCode) || given.InstrumentVersion is not { } version)
                throw new RequestRejectedException($"answers[{i}].instrumentCode", "Give the instrument's code and version.");
            var key = InstrumentDefinition.InstrumentKey(instrumentCode, version);
            // Only the campaign's instruments: a code opens nothing else.
            if (!campaign.Instruments.Contains(key))
                throw new RequestRejectedException($"answers[{i}].instrumentCode", "This screening does not use this instrument and version.");
            if (!seen.Add(key)) throw new RequestRejectedException($"answers[{i}].instrumentCode", "Answered twice.");
            if (given.Answers is { Count: > SubmissionsApi.MaxAnswers }) throw new RequestRejectedException($"answers[{i}].answers", "Too many answers.");
            var instrument = await FindInstrumentAsync(campaign, instrumentCode, version, services);
            ScoreResult score;
            try
            {
                score = Scoring.Score(instrument, given.Answers);
            }
            catch (ScreeningRuleException e)
            {
                throw new RequestRejectedException($"answers[{i}].{e.Field}", e.Message);
            }
            SubmissionRules.CampaignAccepts(campaign, student, key, today);
            scored.Add((instrument, score, given.Answers!));
        }
        var missing = campaign.Instruments.FirstOrDefault(k => !seen.Contains(k));
        if (missing is not null) throw new RequestRejectedException("answers", $"Answer every instrument of the screening: {missing} is missing.");
        return scored;
    }

    private static async Task<List<InstrumentDefinition>> InstrumentsOfAsync(Campaign campaign, AnswerServices services)
    {
        var list = new List<InstrumentDefinition>();
        foreach (var key in campaign.Instruments)
        {
            var at = key.LastIndexOf('@');
            list.Add(await FindInstrumentAsync(campaign, key[..at], int.Parse(key[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture), services));
        }
        return list;
    }

    private static async Task<InstrumentDefinition> FindInstrumentAsync(Campaign campaign, string code, int version, AnswerServices services) =>
        InstrumentCatalog.BuiltIn(code, version)
        ?? await services.Instruments.FindAsync(services.Db, campaign.BureauId, code, version, services.Http.RequestAborted)
        ?? throw new InvalidOperationException($"Campaign {campaign.Id} names {code}@{version}, which its bureau does not have.");
}
