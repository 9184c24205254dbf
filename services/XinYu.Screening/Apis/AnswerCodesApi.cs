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

/// <summary>A code as issued: shown this once, for the printed slip; only its hash is kept.</summary>
public sealed record IssuedCode(Guid CodeId, Guid StudentId, string Code);

/// <summary>The codes issued now; students of the class who already hold a code (issued or used) are not given another.</summary>
public sealed record IssuedCodes(Guid CampaignId, Guid ClassId, IReadOnlyList<IssuedCode> Codes, int AlreadyHolding);

/// <summary>A code's state, never the code.</summary>
public sealed record AnswerCodeView(Guid CodeId, Guid StudentId, string Status, DateTimeOffset IssuedAt, DateTimeOffset? UsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Answer codes, the staff's side: a class's counsellor, school admin or head teacher issues one code per student of
/// the class for a campaign, lists their states, revokes or reissues an unused one (docs/screening.md, "Answer codes").
/// </summary>
public static class AnswerCodesApi
{
    private const string Resource = "answer-code";

    public static RouteGroupBuilder MapAnswerCodesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/campaigns/{campaignId:guid}/classes/{classId:guid}/answer-codes", IssueAsync).RequireRoles(ScreeningRoles.CodeIssuers)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>(Resource);
        api.MapGet("/campaigns/{campaignId:guid}/classes/{classId:guid}/answer-codes", ListAsync).RequireRoles(ScreeningRoles.CodeIssuers)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>(Resource);
        api.MapPost("/answer-codes/{codeId:guid}/revoke", RevokeAsync).RequireRoles(ScreeningRoles.CodeIssuers)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>(Resource);
        api.MapPost("/answer-codes/{codeId:guid}/reissue", ReissueAsync).RequireRoles(ScreeningRoles.CodeIssuers)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>(Resource);
        return api;
    }

    /// <summary>What the code endpoints' helpers need beside the route's ids (the handlers bind them one by one).</summary>
    public sealed record CodeServices(HttpContext Http, ScreeningDbContext Db, CampaignCache Campaigns, IOptions<AnswerCodeOptions> Options,
        SchoolClock Time, AuditTrail Audit);

    private static async Task<Results<Created<IssuedCodes>, NotFound>> IssueAsync(Guid campaignId, Guid classId, HttpContext http, ScreeningDbContext db, CampaignCache campaigns, IOptions<AnswerCodeOptions> options,
        SchoolClock time, AuditTrail audit)
    {
        var services = new CodeServices(http, db, campaigns, options, time, audit);
        var ct = http.RequestAborted;
        if (await ReachedClassAsync(campaignId, classId, services) is not ({ } campaign, var schoolId)) return TypedResults.NotFound();
        var today = services.Time.Today();
        if (today > campaign.WindowEnd) throw new RequestRejectedException("campaignId", "The campaign's window is over.");

        var students = await db.Students.AsNoTracking()
            .Where(s => s.ClassId == classId && s.SchoolId == schoolId && s.Active && campaign.Grades.Contains(s.Grade))
            .Select(s => s.StudentId).ToListAsync(ct);
        var holding = await db.AnswerCodes.AsNoTracking()
            .Where(c => c.CampaignId == campaignId && c.RevokedAt == null && students.Contains(c.StudentId))
            .Select(c => c.StudentId).Distinct().ToListAsync(ct);
        var wanting = students.Except(holding).Order().ToList();

        var issued = await SaveNewCodesAsync(campaign, schoolId, classId, wanting, services, revoking: null);
        return TypedResults.Created($"/api/screening/campaigns/{campaignId}/classes/{classId}/answer-codes",
            new IssuedCodes(campaignId, classId, issued, holding.Count));
    }

    private static async Task<Results<Ok<List<AnswerCodeView>>, NotFound>> ListAsync(Guid campaignId, Guid classId, HttpContext http, ScreeningDbContext db, CampaignCache campaigns, IOptions<AnswerCodeOptions> options,
        SchoolClock time, AuditTrail audit)
    {
        var services = new CodeServices(http, db, campaigns, options, time, audit);
        if (await ReachedClassAsync(campaignId, classId, services) is not ({ } campaign, var schoolId)) return TypedResults.NotFound();
        var codes = await services.Db.AnswerCodes.AsNoTracking()
            .Where(c => c.CampaignId == campaignId && c.ClassId == classId && c.SchoolId == schoolId)
            .OrderBy(c => c.StudentId).ThenBy(c => c.IssuedAt).Take(2000).ToListAsync(services.Http.RequestAborted);
        var (today, max) = (services.Time.Today(), services.Options.Value.MaxAttemptsPerCode);
        return TypedResults.Ok(codes.Select(c => View(c, campaign, today, max)).ToList());
    }

    private static async Task<Results<Ok<AnswerCodeView>, NotFound>> RevokeAsync(Guid codeId, HttpContext http, ScreeningDbContext db, CampaignCache campaigns, IOptions<AnswerCodeOptions> options,
        SchoolClock time, AuditTrail audit)
    {
        var services = new CodeServices(http, db, campaigns, options, time, audit);
        if (await ReachedCodeAsync(codeId, services) is not ({ } code, { } campaign)) return TypedResults.NotFound();
        MustBeUnused(code);
        code.RevokedAt = services.Time.GetUtcNow();
        code.RevokedBy = ScreeningApi.Actor(services.Http);
        services.Audit.Record(services.Db, new AuditRecord(AuditTrail.Actions.Update, Resource, code.Id.ToString(), code.StudentId, code.SchoolId));
        await SaveOrConflictAsync(services);
        return TypedResults.Ok(View(code, campaign, services.Time.Today(), services.Options.Value.MaxAttemptsPerCode));
    }

    /// <summary>A lost slip: the old code stops working and the student gets a new one, in one transaction.</summary>
    private static async Task<Results<Created<IssuedCode>, NotFound>> ReissueAsync(Guid codeId, HttpContext http, ScreeningDbContext db, CampaignCache campaigns, IOptions<AnswerCodeOptions> options,
        SchoolClock time, AuditTrail audit)
    {
        var services = new CodeServices(http, db, campaigns, options, time, audit);
        if (await ReachedCodeAsync(codeId, services) is not ({ } code, { } campaign)) return TypedResults.NotFound();
        MustBeUnused(code);
        if (services.Time.Today() > campaign.WindowEnd) throw new RequestRejectedException("campaignId", "The campaign's window is over.");
        var issued = await SaveNewCodesAsync(campaign, code.SchoolId, code.ClassId, [code.StudentId], services, revoking: code);
        return TypedResults.Created($"/api/screening/answer-codes/{issued[0].CodeId}", issued[0]);
    }

    private static void MustBeUnused(AnswerCode code)
    {
        if (code.UsedAt is not null) throw new RequestRejectedException("codeId", "This code was used: the student has answered.", StatusCodes.Status409Conflict);
        if (code.RevokedAt is not null) throw new RequestRejectedException("codeId", "This code was revoked already.", StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Draws and stores one code per student. A new code equal to one the campaign holds already (about one chance in
    /// 10^6 for a city's campaign) is caught by the unique index and drawn again.
    /// </summary>
    private static async Task<List<IssuedCode>> SaveNewCodesAsync(Campaign campaign, Guid schoolId, Guid classId, IReadOnlyList<Guid> students,
        CodeServices services, AnswerCode? revoking)
    {
        var (db, options, ct) = (services.Db, services.Options.Value, services.Http.RequestAborted);
        var (now, actor) = (services.Time.GetUtcNow(), ScreeningApi.Actor(services.Http));
        for (var attempt = 1; ; attempt++)
        {
            var issued = new List<IssuedCode>();
            if (revoking is not null) { revoking.RevokedAt = now; revoking.RevokedBy = actor; }
            foreach (var student in students)
            {
                var code = AnswerCodeRules.NewCode(options.Length);
                var row = new AnswerCode
                {
                    Id = Guid.CreateVersion7(), BureauId = campaign.BureauId, SchoolId = schoolId, ClassId = classId, CampaignId = campaign.Id,
                    StudentId = student, CodeHash = AnswerCodeRules.Hash(options.Key, code), IssuedAt = now, IssuedBy = actor,
                };
                db.AnswerCodes.Add(row);
                issued.Add(new IssuedCode(row.Id, student, code));
            }
            if (issued.Select(i => i.Code).Distinct().Count() != issued.Count) { StartAgain(db, revoking); continue; }
            services.Audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, Resource, $"{campaign.Id}/{classId}", revoking?.StudentId, schoolId));
            try
            {
                await db.SaveChangesAsync(ct);
                return issued;
            }
            catch (DbUpdateException e) when (attempt < 3 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                StartAgain(db, revoking);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new RequestRejectedException("codeId", "The code changed meanwhile (used or revoked); list the class's codes again.", StatusCodes.Status409Conflict);
            }
        }
    }

    private static void StartAgain(ScreeningDbContext db, AnswerCode? revoking)
    {
        db.ChangeTracker.Clear();
        if (revoking is null) return;
        // Attached as it was read, so the next round's revocation is seen as the change it is.
        (revoking.RevokedAt, revoking.RevokedBy) = (null, null);
        db.AnswerCodes.Attach(revoking);
    }

    private static async Task SaveOrConflictAsync(CodeServices services)
    {
        try { await services.Db.SaveChangesAsync(services.Http.RequestAborted); }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestRejectedException("codeId", "The code changed meanwhile (used or revoked); list the class's codes again.", StatusCodes.Status409Conflict);
        }
    }

    /// <summary>
    /// The campaign and the class's school when the caller reaches the class (head teachers their own classes) and the
    /// campaign names that school; anything else is missing (404). A class is known from the directory or a student in it.
    /// </summary>
    private static async Task<(Campaign, Guid)?> ReachedClassAsync(Guid campaignId, Guid classId, CodeServices services)
    {
        var (db, ct) = (services.Db, services.Http.RequestAborted);
        var known = await db.Classes.AsNoTracking().Where(c => c.ClassId == classId).Select(c => new { c.BureauId, c.SchoolId }).FirstOrDefaultAsync(ct)
            ?? await db.Students.AsNoTracking().Where(s => s.ClassId == classId).Select(s => new { s.BureauId, s.SchoolId }).FirstOrDefaultAsync(ct);
        if (known is null || !CallerScope.From(services.Http.User).CanReachClass(known.BureauId, known.SchoolId, classId)) return null;
        var campaign = await services.Campaigns.FindAsync(db, campaignId, ct);
        if (campaign is null || campaign.BureauId != known.BureauId || !campaign.SchoolIds.Contains(known.SchoolId)) return null;
        return (campaign, known.SchoolId);
    }

    private static async Task<(AnswerCode, Campaign)?> ReachedCodeAsync(Guid codeId, CodeServices services)
    {
        var (db, ct) = (services.Db, services.Http.RequestAborted);
        var code = await db.AnswerCodes.FirstOrDefaultAsync(c => c.Id == codeId, ct);
        if (code is null || !CallerScope.From(services.Http.User).CanReachClass(code.BureauId, code.SchoolId, code.ClassId)) return null;
        var campaign = await services.Campaigns.FindAsync(db, code.CampaignId, ct);
        return campaign is null ? null : (code, campaign);
    }

    private static AnswerCodeView View(AnswerCode c, Campaign campaign, DateOnly today, int maxAttempts) =>
        new(c.Id, c.StudentId, AnswerCodeRules.Status(c, campaign, today, maxAttempts), c.IssuedAt, c.UsedAt, c.RevokedAt);
}
