using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Screening.Apis;

public sealed record InstrumentRef(string? Code, int? Version);

/// <summary>Window dates are the bureau's local dates; both default to the settings' October window of this year.</summary>
public sealed record CampaignRequest(string? Name, List<InstrumentRef>? Instruments, List<Guid>? SchoolIds, List<int>? Grades,
    DateOnly? WindowStart, DateOnly? WindowEnd, string? Explanation = null);

public sealed record CampaignView(Guid Id, string Name, IReadOnlyList<string> Instruments, IReadOnlyList<Guid> SchoolIds,
    IReadOnlyList<int> Grades, DateOnly WindowStart, DateOnly WindowEnd, string? Explanation)
{
    public static CampaignView Of(Campaign c) => new(c.Id, c.Name, c.Instruments, c.SchoolIds, c.Grades, c.WindowStart, c.WindowEnd, c.Explanation);
}

public sealed record CampaignProgressView(Guid CampaignId, DateOnly WindowStart, DateOnly WindowEnd, int Invited, int Completed,
    IReadOnlyList<SchoolProgress> Schools, IReadOnlyList<Guid> ClassesBehind);

/// <summary>Campaigns (普测): the bureau schedules; schools see their own, the bureau all.</summary>
public static class CampaignsApi
{
    public const int MaxSchools = 2000;
    public const int MaxInstruments = 10;
    /// <summary>What students answering with a code read before the questions (docs/screening.md, "Answer codes").</summary>
    public const int MaxExplanation = 2000;

    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/campaigns", ScheduleAsync).RequireRoles(ScreeningRoles.BureauManagers);
        api.MapGet("/campaigns", ListAsync).RequireRoles(ScreeningRoles.CampaignReaders);
        api.MapGet("/campaigns/{campaignId:guid}/progress", ProgressAsync).RequireRoles(ScreeningRoles.CampaignReaders);
        return api;
    }

    private static async Task<Created<CampaignView>> ScheduleAsync(CampaignRequest request, HttpContext http, ScreeningDbContext db,
        InstrumentCatalog catalog, IOptions<ScreeningOptions> options, SchoolClock time)
    {
        var bureau = ScreeningApi.BureauOf(http);
        var ct = http.RequestAborted;
        var name = RequestValidation.SingleLine(request.Name, "name", 100, "Give a name of 1 to 100 characters.");
        if (request.Instruments is not { Count: > 0 and <= MaxInstruments })
            throw new RequestRejectedException("instruments", $"Give 1 to {MaxInstruments} instruments.");
        var keys = new List<string>();
        for (var i = 0; i < request.Instruments.Count; i++)
        {
            var r = request.Instruments[i];
            if (r?.Code is not { } code || !InstrumentRules.IsCode(code) || r.Version is not { } version
                || await catalog.FindAsync(db, bureau, code, version, ct) is null)
                throw new RequestRejectedException($"instruments[{i}]", "No such instrument code and version.");
            var key = InstrumentDefinition.InstrumentKey(code, version);
            if (keys.Contains(key)) throw new RequestRejectedException($"instruments[{i}]", "Named twice.");
            keys.Add(key);
        }
        if (request.SchoolIds is not { Count: > 0 and <= MaxSchools } || request.SchoolIds.Distinct().Count() != request.SchoolIds.Count)
            throw new RequestRejectedException("schoolIds", $"Give 1 to {MaxSchools} distinct schools.");
        var known = await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau && request.SchoolIds.Contains(s.SchoolId))
            .Select(s => s.SchoolId).ToListAsync(ct);
        var unknown = request.SchoolIds.FindIndex(id => !known.Contains(id));
        if (unknown >= 0) throw new RequestRejectedException($"schoolIds[{unknown}]", "No such school in the bureau.");
        if (request.Grades is not { Count: > 0 and <= 12 } || request.Grades.Any(g => g is < 1 or > 12) || request.Grades.Distinct().Count() != request.Grades.Count)
            throw new RequestRejectedException("grades", "Give distinct grades from 1 to 12.");

        var today = time.Today();
        var start = request.WindowStart ?? DefaultDay(options.Value.Campaigns.DefaultWindowStart, today.Year);
        var end = request.WindowEnd ?? DefaultDay(options.Value.Campaigns.DefaultWindowEnd, start.Year);
        CampaignRules.ValidateWindow(start, end, today);
        var explanation = RequestValidation.OptionalMultiLine(request.Explanation, "explanation", MaxExplanation);

        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(), BureauId = bureau, Name = name, Instruments = [.. keys],
            SchoolIds = [.. request.SchoolIds], Grades = [.. request.Grades.Order()], WindowStart = start, WindowEnd = end,
            Explanation = explanation, CreatedAt = time.GetUtcNow(), CreatedBy = ScreeningApi.Actor(http),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/screening/campaigns/{campaign.Id}", CampaignView.Of(campaign));
    }

    private static DateOnly DefaultDay(string monthDay, int year) =>
        DateOnly.ParseExact($"{year:D4}-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Ok<List<CampaignView>>> ListAsync(HttpContext http, ScreeningDbContext db)
    {
        var caller = CallerScope.From(http.User);
        var bureau = ScreeningApi.BureauOf(http);
        var query = db.Campaigns.AsNoTracking().Where(c => c.BureauId == bureau);
        if (!caller.IsBureauStaff)
        {
            var school = caller.SchoolId ?? Guid.Empty;
            query = query.Where(c => c.SchoolIds.Contains(school));
        }
        var list = await query.OrderByDescending(c => c.WindowStart).Take(500).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(CampaignView.Of).ToList());
    }

    private static async Task<Results<Ok<CampaignProgressView>, NotFound>> ProgressAsync(Guid campaignId, HttpContext http,
        ScreeningDbContext db, SchoolClock time)
    {
        var caller = CallerScope.From(http.User);
        var ct = http.RequestAborted;
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || caller.BureauId != campaign.BureauId) return TypedResults.NotFound();
        Guid[] schools = caller.IsBureauStaff ? campaign.SchoolIds
            : caller.SchoolId is { } own && campaign.SchoolIds.Contains(own) ? [own] : [];
        if (schools.Length == 0) return TypedResults.NotFound();

        var invited = await db.Students.AsNoTracking()
            .Where(s => s.Active && s.BureauId == campaign.BureauId && schools.Contains(s.SchoolId) && campaign.Grades.Contains(s.Grade))
            .Select(s => new InvitedStudent(s.StudentId, s.SchoolId, s.ClassId, s.Grade)).ToListAsync(ct);
        // A head teacher (without a school-wide role) sees their own classes' progress, not the school's.
        if (!caller.IsBureauStaff && !caller.IsInRole(XinYuRoles.SchoolAdmin) && !caller.IsInRole(XinYuRoles.Counsellor))
            invited = [.. invited.Where(s => caller.ClassIds.Contains(s.ClassId))];
        var answered = await db.Submissions.AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id && schools.Contains(s.SchoolId))
            .Select(s => new { s.StudentId, s.InstrumentCode, s.InstrumentVersion }).Distinct().ToListAsync(ct);
        var completed = answered.GroupBy(a => a.StudentId).Where(g => g.Count() >= campaign.Instruments.Length).Select(g => g.Key).ToHashSet();
        var progress = CampaignRules.Progress(invited, completed, campaign.WindowStart, campaign.WindowEnd, time.Today());
        return TypedResults.Ok(new CampaignProgressView(campaign.Id, campaign.WindowStart, campaign.WindowEnd,
            progress.Sum(p => p.Invited), progress.Sum(p => p.Completed), progress,
            progress.SelectMany(p => p.Classes).Where(c => c.Behind).Select(c => c.ClassId).ToList()));
    }
}

/// <summary>Campaigns never change once scheduled, so the submission hot path keeps them in memory.</summary>
public sealed class CampaignCache
{
    private readonly ConcurrentDictionary<Guid, Campaign> _campaigns = new();

    public async Task<Campaign?> FindAsync(ScreeningDbContext db, Guid id, CancellationToken ct)
    {
        if (_campaigns.TryGetValue(id, out var found)) return found;
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is not null) _campaigns.TryAdd(id, campaign);
        return campaign;
    }
}
