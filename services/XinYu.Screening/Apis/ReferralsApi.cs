using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Screening.Apis;

public sealed record ReferralRequest(string? AgencyId, string? ReasonCode, string? ReasonText);
/// <summary>The hospital's report: seen (seenOn), recommendation (a code), treatment-leave (leaveFrom, leaveUntil).</summary>
public sealed record FeedbackRequest(string? Kind, DateOnly? SeenOn, string? Recommendation, DateOnly? LeaveFrom, DateOnly? LeaveUntil);

/// <summary>All a hospital ever sees of a referral: ids, the reason's code, dates and its own answers.</summary>
public sealed record PartnerReferralView(Guid ReferralId, Guid StudentId, Guid SchoolId, string ReasonCode, DateTimeOffset ReferredAt,
    string Status, DateTimeOffset? AnsweredAt, IReadOnlyList<FeedbackView> Feedback)
{
    public static PartnerReferralView Of(Referral r) => new(r.Id, r.StudentId, r.SchoolId, r.ReasonCode, r.CreatedAt, r.Status, r.AnsweredAt,
        r.Feedback.OrderBy(f => f.ReceivedAt).Select(FeedbackView.Of).ToList());
}
public sealed record FeedbackView(string Kind, DateOnly? SeenOn, string? Recommendation, DateOnly? LeaveFrom, DateOnly? LeaveUntil, DateTimeOffset ReceivedAt)
{
    public static FeedbackView Of(ReferralFeedback f) => new(f.Kind, f.SeenOn, f.Recommendation, f.LeaveFrom, f.LeaveUntil, f.ReceivedAt);
}
/// <summary>
/// A partner agency a counsellor may refer to: its id (the <c>agency</c> claim of its client), and the name and type its
/// client was registered with (null for a client registered before 2.0).
/// </summary>
public sealed record PartnerAgencyView(string AgencyId, string? Name, string? AgencyType);
/// <summary>The school's view adds the agency and the reason's text.</summary>
public sealed record ReferralView(PartnerReferralView Referral, string AgencyId, [property: XinYu.ServiceDefaults.Logging.SensitiveData] string? ReasonText);

/// <summary>Referrals over the green channel (绿色通道): a counsellor refers, the addressed hospital answers as a partner client.</summary>
public static class ReferralsApi
{
    public const int MaxAgencyIdLength = 100;

    public static RouteGroupBuilder MapReferralsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/students/{studentId:guid}/referrals", ReferAsync).RequireRoles(XinYuRoles.Counsellor)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("referral");
        api.MapGet("/partner-agencies", PartnerAgenciesAsync).RequireRoles(XinYuRoles.Counsellor);
        api.MapGet("/students/{studentId:guid}/referrals", ListForStudentAsync).RequireRoles(ScreeningRoles.SchoolCase)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("referral");
        api.MapGet("/referrals/inbox", InboxAsync).RequireRoles(XinYuRoles.Partner)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("referral");
        api.MapGet("/referrals/{referralId:guid}", GetAsync).RequireRoles(XinYuRoles.Partner)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("referral");
        api.MapPost("/referrals/{referralId:guid}/accept", (Guid referralId, HttpContext http, ScreeningDbContext db, SchoolClock time, AuditTrail audit) =>
            AnswerAsync(referralId, "accepted", http, db, time, audit)).RequireRoles(XinYuRoles.Partner)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("referral");
        api.MapPost("/referrals/{referralId:guid}/decline", (Guid referralId, HttpContext http, ScreeningDbContext db, SchoolClock time, AuditTrail audit) =>
            AnswerAsync(referralId, "declined", http, db, time, audit)).RequireRoles(XinYuRoles.Partner)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("referral");
        api.MapPost("/referrals/{referralId:guid}/feedback", FeedbackAsync).RequireRoles(XinYuRoles.Partner)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("referral");
        return api;
    }

    private static async Task<Results<Created<ReferralView>, NotFound>> ReferAsync(Guid studentId, ReferralRequest request, HttpContext http,
        ScreeningDbContext db, IOptions<ScreeningOptions> options, SchoolClock time, AuditTrail audit)
    {
        var agency = request.AgencyId?.Trim();
        if (string.IsNullOrEmpty(agency) || agency.Length > MaxAgencyIdLength || !agency.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new RequestRejectedException("agencyId", "Give the partner agency's id (letters, digits, '-', '_', '.').");
        var reason = CaseRules.OneOf("reasonCode", request.ReasonCode, CaseRules.ReferralReasons);
        var text = CaseRules.Text("reasonText", request.ReasonText);
        if (await PlansApi.ReachableStudentAsync(db, http, studentId) is not { } student) return TypedResults.NotFound();
        var consent = await db.Consents.Where(c => c.StudentId == studentId && c.Purpose == ConsentRules.Referral).Select(c => (bool?)c.Granted).FirstOrDefaultAsync(http.RequestAborted);
        ConsentRules.ConsentGiven(ConsentRules.Referral, consent, options.Value.Consent.SchoolNoticeSuffices);
        // A referral nobody can fetch is a warning that goes nowhere: the agency must have an enabled client of the bureau.
        if (!await db.AgencyClients.AnyAsync(c => c.AgencyId == agency && c.BureauId == student.BureauId && c.DisabledAt == null, http.RequestAborted))
            throw new RequestRejectedException("agencyId", "No enabled partner client of your bureau represents this agency (a client registered a moment ago may take a second to arrive).");
        var now = time.GetUtcNow();
        var referral = new Referral
        {
            Id = Guid.CreateVersion7(), BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = studentId, AgencyId = agency,
            ReasonCode = reason, ReasonText = text, CreatedAt = now, CreatedBy = ScreeningApi.Actor(http),
        };
        db.Referrals.Add(referral);
        db.Publish(new ReferralMade
        {
            BureauId = student.BureauId, SchoolId = student.SchoolId, ReferralId = referral.Id, StudentId = studentId, AgencyId = agency, OccurredAt = now,
        }, EventKeys.Student(studentId));
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "referral", referral.Id.ToString(), studentId, student.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/screening/students/{studentId}/referrals", new ReferralView(PartnerReferralView.Of(referral), agency, text));
    }

    /// <summary>
    /// The agencies a referral may go to: those of the caller's bureau with an enabled partner client (the rule
    /// <see cref="ReferAsync"/> applies), so the referring counsellor chooses one instead of typing an id.
    /// </summary>
    private static async Task<Ok<List<PartnerAgencyView>>> PartnerAgenciesAsync(HttpContext http, ScreeningDbContext db)
    {
        if (CallerScope.From(http.User).BureauId is not { } bureau) return TypedResults.Ok(new List<PartnerAgencyView>());
        // An agency may have several clients (one per system it connects): one line each, with a name one of them gives.
        var clients = await db.AgencyClients.AsNoTracking().Where(c => c.BureauId == bureau && c.DisabledAt == null)
            .OrderBy(c => c.AgencyId).ThenBy(c => c.ClientId).Take(5000)
            .Select(c => new { c.AgencyId, c.DisplayName, c.AgencyType }).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(clients.GroupBy(c => c.AgencyId).Take(1000)
            .Select(g => new PartnerAgencyView(g.Key, g.Select(c => c.DisplayName).FirstOrDefault(n => n is not null),
                g.Select(c => c.AgencyType).FirstOrDefault(t => t is not null)))
            .ToList());
    }

    private static async Task<Results<Ok<List<ReferralView>>, NotFound>> ListForStudentAsync(Guid studentId, HttpContext http, ScreeningDbContext db)
    {
        if (await PlansApi.ReachableStudentAsync(db, http, studentId) is null) return TypedResults.NotFound();
        var list = await db.Referrals.AsNoTracking().Include(r => r.Feedback).Where(r => r.StudentId == studentId)
            .OrderByDescending(r => r.CreatedAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(r => new ReferralView(PartnerReferralView.Of(r), r.AgencyId, r.ReasonText)).ToList());
    }

    /// <summary>The calling hospital: its agency (token claim) and the referrals scope; anything else is refused.</summary>
    private static (Guid Bureau, string Agency) Hospital(HttpContext http)
    {
        var caller = CallerScope.From(http.User);
        if (!caller.Scopes.Contains(XinYuScopes.Referrals) || string.IsNullOrEmpty(caller.AgencyId) || caller.BureauId is not { } bureau)
            throw new RequestRejectedException("scope", $"This needs a partner client with the {XinYuScopes.Referrals} scope and an agency.", StatusCodes.Status403Forbidden);
        return (bureau, caller.AgencyId);
    }

    private static async Task<Referral?> AddressedAsync(ScreeningDbContext db, HttpContext http, Guid referralId)
    {
        var (bureau, agency) = Hospital(http);
        // Another hospital's referral is answered exactly like one that does not exist.
        return await db.Referrals.Include(r => r.Feedback)
            .FirstOrDefaultAsync(r => r.Id == referralId && r.AgencyId == agency && r.BureauId == bureau, http.RequestAborted);
    }

    private static async Task<Ok<List<PartnerReferralView>>> InboxAsync(HttpContext http, ScreeningDbContext db)
    {
        var (bureau, agency) = Hospital(http);
        var list = await db.Referrals.AsNoTracking().Include(r => r.Feedback).Where(r => r.AgencyId == agency && r.BureauId == bureau)
            .OrderByDescending(r => r.CreatedAt).Take(1000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(PartnerReferralView.Of).ToList());
    }

    private static async Task<Results<Ok<PartnerReferralView>, NotFound>> GetAsync(Guid referralId, HttpContext http, ScreeningDbContext db) =>
        await AddressedAsync(db, http, referralId) is { } r ? TypedResults.Ok(PartnerReferralView.Of(r)) : TypedResults.NotFound();

    private static async Task<Results<Ok<PartnerReferralView>, NotFound>> AnswerAsync(Guid referralId, string answer, HttpContext http,
        ScreeningDbContext db, SchoolClock time, AuditTrail audit)
    {
        if (await AddressedAsync(db, http, referralId) is not { } r) return TypedResults.NotFound();
        if (r.Status != "sent")
        {
            if (r.Status == answer) return TypedResults.Ok(PartnerReferralView.Of(r)); // a retry
            throw new RequestRejectedException("referralId", $"The referral was already {r.Status}.", StatusCodes.Status409Conflict);
        }
        var now = time.GetUtcNow();
        (r.Status, r.AnsweredAt) = (answer, now);
        Publish(db, r, answer, now);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "referral", r.Id.ToString(), r.StudentId, r.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(PartnerReferralView.Of(r));
    }

    private static async Task<Results<Ok<PartnerReferralView>, NotFound>> FeedbackAsync(Guid referralId, FeedbackRequest request, HttpContext http,
        ScreeningDbContext db, SchoolClock time, AuditTrail audit)
    {
        var kind = CaseRules.OneOf("kind", request.Kind, CaseRules.FeedbackKinds);
        var today = time.Today();
        var feedback = new ReferralFeedback { Id = Guid.CreateVersion7(), Kind = kind, ReceivedAt = time.GetUtcNow() };
        switch (kind)
        {
            case "seen":
                feedback.SeenOn = CaseRules.PlausibleDate("seenOn", request.SeenOn, today);
                if (feedback.SeenOn > today) throw new RequestRejectedException("seenOn", "A visit in the future has not happened yet.");
                break;
            case "recommendation":
                feedback.Recommendation = CaseRules.OneOf("recommendation", request.Recommendation, CaseRules.Recommendations);
                break;
            default:
                feedback.LeaveFrom = CaseRules.PlausibleDate("leaveFrom", request.LeaveFrom, today);
                if (request.LeaveUntil is not null)
                {
                    feedback.LeaveUntil = CaseRules.PlausibleDate("leaveUntil", request.LeaveUntil, today);
                    if (feedback.LeaveUntil < feedback.LeaveFrom) throw new RequestRejectedException("leaveUntil", "Leave ends on or after it starts.");
                }
                break;
        }
        if (await AddressedAsync(db, http, referralId) is not { } r) return TypedResults.NotFound();
        if (r.Status != "accepted") throw new RequestRejectedException("referralId", "Accept the referral before reporting on it.", StatusCodes.Status409Conflict);
        if (r.Feedback.Count >= 100) throw new RequestRejectedException("kind", "Too much feedback on one referral.");
        feedback.ReferralId = r.Id;
        db.Add(feedback);
        if (kind == "treatment-leave")
        {
            // The student leaves school for treatment: the plan waits for the return assessment (复学评估).
            var plan = await db.Plans.FirstOrDefaultAsync(p => p.StudentId == r.StudentId && p.Status == "open", http.RequestAborted);
            if (plan is not null) plan.OnLeave = true;
        }
        Publish(db, r, kind, feedback.ReceivedAt);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "referral", r.Id.ToString(), r.StudentId, r.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(PartnerReferralView.Of(r));
    }

    private static void Publish(ScreeningDbContext db, Referral r, string kind, DateTimeOffset now) =>
        db.Publish(new ReferralFeedbackReceived
        {
            BureauId = r.BureauId, SchoolId = r.SchoolId, ReferralId = r.Id, StudentId = r.StudentId, AgencyId = r.AgencyId, Kind = kind, OccurredAt = now,
        }, EventKeys.Student(r.StudentId));
}
