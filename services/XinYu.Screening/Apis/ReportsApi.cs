using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Screening.Apis;

/// <summary>One row of a campaign report: figures only, never a student's id or name.</summary>
public sealed record CampaignReportRow(Guid SchoolId, int Grade, int Invited, int Completed, double Coverage,
    IReadOnlyDictionary<string, int> Levels, int OpenWarnings, int OverduePlans);
public sealed record CampaignReport(Guid CampaignId, string Name, DateOnly WindowStart, DateOnly WindowEnd, IReadOnlyList<CampaignReportRow> Rows);

/// <summary>
/// One case in the provincial crisis platform's export (format version 1, docs/screening.md): a pseudonymous student id
/// (HMAC of the id, stable per deployment), the school, the level, since when, and the plan's status.
/// </summary>
public sealed record CrisisCase(string StudentPseudonym, Guid SchoolId, string Level, DateTimeOffset? Since, string PlanStatus);
public sealed record CrisisExport(int FormatVersion, Guid BureauId, DateTimeOffset GeneratedAt, IReadOnlyList<CrisisCase> Cases);

public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/campaigns/{campaignId:guid}/report", CampaignReportAsync)
            .RequireRoles(XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor);
        api.MapGet("/crisis-export", CrisisExportAsync).RequireRoles(XinYuRoles.Partner)
            .AuditedAs<ScreeningDbContext, RouteHandlerBuilder>("crisis-export");
        return api;
    }

    /// <summary>
    /// Per school and grade of the campaign: invited, completed, coverage, the invited students' levels now, open warnings
    /// and plans with an overdue follow-up. Schools see their own rows, the bureau every school's.
    /// </summary>
    private static async Task<Results<Ok<CampaignReport>, NotFound>> CampaignReportAsync(Guid campaignId, HttpContext http, ScreeningDbContext db, SchoolClock time)
    {
        var caller = CallerScope.From(http.User);
        var ct = http.RequestAborted;
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || caller.BureauId != campaign.BureauId) return TypedResults.NotFound();
        Guid[] schools = caller.IsBureauStaff ? campaign.SchoolIds
            : caller.SchoolId is { } own && campaign.SchoolIds.Contains(own) ? [own] : [];
        if (schools.Length == 0) return TypedResults.NotFound();
        var today = time.Today();

        var students = await db.Students.AsNoTracking()
            .Where(s => s.Active && s.BureauId == campaign.BureauId && schools.Contains(s.SchoolId) && campaign.Grades.Contains(s.Grade))
            .Select(s => new { s.StudentId, s.SchoolId, s.Grade, s.Level }).ToListAsync(ct);
        var ids = students.Select(s => s.StudentId).ToList();
        var answered = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaign.Id && schools.Contains(s.SchoolId))
            .Select(s => new { s.StudentId, s.InstrumentCode, s.InstrumentVersion }).Distinct().ToListAsync(ct);
        var completed = answered.GroupBy(a => a.StudentId).Where(g => g.Count() >= campaign.Instruments.Length).Select(g => g.Key).ToHashSet();
        var warned = (await db.Warnings.AsNoTracking().Where(w => w.AcknowledgedAt == null && schools.Contains(w.SchoolId))
            .Select(w => w.StudentId).ToListAsync(ct)).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var overdue = (await (from f in db.FollowUps.AsNoTracking()
                              join p in db.Plans.AsNoTracking() on f.PlanId equals p.Id
                              where schools.Contains(p.SchoolId) && p.Status == "open" && !p.OnLeave && f.DoneAt == null && f.DueOn < today
                              select p.StudentId).Distinct().ToListAsync(ct)).ToHashSet();

        var rows = students.GroupBy(s => (s.SchoolId, s.Grade)).OrderBy(g => g.Key.SchoolId).ThenBy(g => g.Key.Grade).Select(g =>
        {
            var invited = g.Count();
            var done = g.Count(s => completed.Contains(s.StudentId));
            return new CampaignReportRow(g.Key.SchoolId, g.Key.Grade, invited, done, invited == 0 ? 0 : Math.Round((double)done / invited, 4),
                g.GroupBy(s => s.Level).ToDictionary(l => l.Key, l => l.Count()),
                g.Sum(s => warned.GetValueOrDefault(s.StudentId)), g.Count(s => overdue.Contains(s.StudentId)));
        }).ToList();
        return TypedResults.Ok(new CampaignReport(campaign.Id, campaign.Name, campaign.WindowStart, campaign.WindowEnd, rows));
    }

    /// <summary>The provincial crisis platform's pull: students of the caller's bureau at the export level or above.</summary>
    private static async Task<Ok<CrisisExport>> CrisisExportAsync(HttpContext http, ScreeningDbContext db, RiskRegistry registry,
        IOptions<ScreeningOptions> options, SchoolClock time)
    {
        var caller = CallerScope.From(http.User);
        if (!caller.Scopes.Contains(XinYuScopes.CrisisExport) || caller.BureauId is not { } bureau)
            throw new RequestRejectedException("scope", $"This needs a partner client with the {XinYuScopes.CrisisExport} scope.", StatusCodes.Status403Forbidden);
        var minimum = registry.Levels.RankOf(options.Value.CrisisExport.MinimumLevel);
        var rows = await (from s in db.Students.AsNoTracking()
                          where s.BureauId == bureau && s.Active && s.LevelRank >= minimum
                          orderby s.LevelRank descending, s.LevelSince
                          select new { s.StudentId, s.SchoolId, s.Level, s.LevelSince }).Take(10_000).ToListAsync(http.RequestAborted);
        var ids = rows.Select(r => r.StudentId).ToList();
        var plans = (await db.Plans.AsNoTracking().Where(p => ids.Contains(p.StudentId))
                .Select(p => new { p.StudentId, p.Status, p.OnLeave, p.OpenedAt }).ToListAsync(http.RequestAborted))
            .GroupBy(p => p.StudentId)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.OpenedAt) is { } latest
                ? latest.Status == "open" ? (latest.OnLeave ? "on-leave" : "open") : "closed" : "none");
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(options.Value.CrisisExport.PseudonymKey));
        var cases = rows.Select(r => new CrisisCase(Pseudonym(hmac, r.StudentId), r.SchoolId, r.Level, r.LevelSince, plans.GetValueOrDefault(r.StudentId, "none"))).ToList();
        // The audited-endpoint filter writes the read of this export to the trail (who, when, from where).
        return TypedResults.Ok(new CrisisExport(1, bureau, time.GetUtcNow(), cases));
    }

    public static string Pseudonym(HMACSHA256 hmac, Guid studentId) =>
        Convert.ToHexStringLower(hmac.ComputeHash(studentId.ToByteArray()))[..32];
}
