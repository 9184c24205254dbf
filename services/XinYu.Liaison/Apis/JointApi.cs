using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Logging;
using XinYu.ServiceDefaults.Time;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Liaison.Apis;

public sealed record RegisterAgencyRequest(string? Id, string? Name, string? Kind);
public sealed record AgencyView(string Id, string Name, string Kind)
{
    public static AgencyView Of(PartnerAgency a) => new(a.Id, a.Name, a.Kind);
}

public sealed record HoldJointMeetingRequest(DateOnly? HeldOn, List<string>? AgencyIds, [property: SensitiveData] string? Minutes,
    [property: SensitiveData] List<string>? Decisions, [property: SensitiveData] List<string>? FollowUps);
public sealed record JointMeetingView(Guid Id, DateOnly HeldOn, List<string> AgencyIds, [property: SensitiveData] string Minutes,
    [property: SensitiveData] List<string> Decisions, [property: SensitiveData] List<string> FollowUps)
{
    public static JointMeetingView Of(JointMeeting m) => new(m.Id, m.HeldOn, m.AgencyIds, m.Minutes, m.Decisions, m.FollowUps);
}

public sealed record OpenJointCaseRequest(Guid? StudentId, [property: SensitiveData] string? Summary, List<string>? SharedWith);
public sealed record ShareJointCaseRequest(List<string>? AgencyIds);
public sealed record JointCaseView(Guid Id, Guid StudentId, Guid SchoolId, [property: SensitiveData] string Summary, List<string> SharedWith, DateTimeOffset OpenedAt);

/// <summary>
/// The joint mechanism (家校社医协同): partner agencies, joint meetings, and joint crisis cases shared with named
/// agencies. A partner client (scope xinyu.joint-cases) reads only the cases shared with its own agency; any other
/// case, and every case for a client without the scope, is answered 404.
/// </summary>
public static partial class JointApi
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,99}$")]
    private static partial Regex AgencyIdPattern();

    public static RouteGroupBuilder MapJointApi(this RouteGroupBuilder api)
    {
        api.MapPost("/agencies", RegisterAgencyAsync).RequireRoles(XinYuRoles.BureauAdmin);
        api.MapGet("/agencies", AgenciesAsync).RequireRoles(LiaisonRoles.FigureReaders);
        api.MapPost("/joint-meetings", HoldMeetingAsync).RequireRoles(LiaisonRoles.Bureau);
        api.MapGet("/joint-meetings", MeetingsAsync).RequireRoles(LiaisonRoles.Bureau)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("joint-meeting");
        api.MapPost("/joint-cases", OpenCaseAsync).RequireRoles(LiaisonRoles.SchoolDesignated)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("joint-case");
        api.MapPost("/joint-cases/{caseId:guid}/share", ShareCaseAsync).RequireRoles(LiaisonRoles.SchoolDesignated)
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("joint-case");
        api.MapGet("/joint-cases", CasesAsync).RequireRoles([.. LiaisonRoles.SchoolDesignated, XinYuRoles.Partner])
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("joint-case");
        api.MapGet("/joint-cases/{caseId:guid}", CaseAsync).RequireRoles([.. LiaisonRoles.SchoolDesignated, XinYuRoles.Partner])
            .AuditedAs<LiaisonDbContext, RouteHandlerBuilder>("joint-case");
        return api;
    }

    private static async Task<Created<AgencyView>> RegisterAgencyAsync(RegisterAgencyRequest request, HttpContext http, LiaisonDbContext db, SchoolClock clock)
    {
        var bureau = http.Caller().BureauId ?? throw new RequestRejectedException("bureau", "The caller belongs to no bureau.", StatusCodes.Status403Forbidden);
        var id = request.Id is { } given && AgencyIdPattern().IsMatch(given) ? given
            : throw new RequestRejectedException("id", "2 to 100 characters: lower-case letters, digits, '.', '_' or '-' (the agency claim of its client).");
        var name = RequestValidation.SingleLine(request.Name, "name", 200);
        var kind = Check.Code(request.Kind, "kind", LiaisonCodes.AgencyKinds);
        var agency = new PartnerAgency { Id = id, BureauId = bureau, Name = name, Kind = kind, RegisteredAt = clock.GetUtcNow() };
        db.Agencies.Add(agency);
        await db.SaveOrConflictAsync("id", "An agency with this id exists.", http.RequestAborted);
        return TypedResults.Created($"/api/liaison/agencies/{id}", AgencyView.Of(agency));
    }

    private static async Task<Ok<List<AgencyView>>> AgenciesAsync(HttpContext http, LiaisonDbContext db)
    {
        var bureau = http.Caller().BureauId;
        var list = await db.Agencies.AsNoTracking().Where(a => a.BureauId == bureau).OrderBy(a => a.Id).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(AgencyView.Of).ToList());
    }

    /// <summary>The given agency ids, each an agency of the bureau.</summary>
    private static async Task<List<string>> AgenciesOfBureauAsync(LiaisonDbContext db, Guid bureau, List<string>? ids, string field, int max, CancellationToken ct)
    {
        var list = ids ?? [];
        if (list.Count < 1 || list.Count > max) throw new RequestRejectedException(field, $"Name 1 to {max} partner agencies.");
        var known = await db.Agencies.Where(a => a.BureauId == bureau).Select(a => a.Id).ToListAsync(ct);
        for (var i = 0; i < list.Count; i++)
            if (list[i] is null || !known.Contains(list[i])) throw new RequestRejectedException($"{field}[{i}]", "Not a partner agency of the bureau.");
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    private static async Task<Created<JointMeetingView>> HoldMeetingAsync(HoldJointMeetingRequest request, HttpContext http, LiaisonDbContext db, SchoolClock clock)
    {
        var bureau = http.Caller().BureauId ?? throw new RequestRejectedException("bureau", "The caller belongs to no bureau.", StatusCodes.Status403Forbidden);
        var today = clock.Today();
        var heldOn = Check.Date(request.HeldOn, "heldOn", today.AddDays(-400), today.AddDays(400));
        var agencies = await AgenciesOfBureauAsync(db, bureau, request.AgencyIds, "agencyIds", 20, http.RequestAborted);
        var meeting = new JointMeeting
        {
            BureauId = bureau, HeldOn = heldOn, AgencyIds = agencies, Minutes = RequestValidation.MultiLine(request.Minutes, "minutes", 20000),
            Decisions = Check.Texts(request.Decisions, "decisions", 50, 1000), FollowUps = Check.Texts(request.FollowUps, "followUps", 50, 1000),
            CreatedBy = http.Caller().Subject, CreatedAt = clock.GetUtcNow(),
        };
        db.JointMeetings.Add(meeting);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/liaison/joint-meetings/{meeting.Id}", JointMeetingView.Of(meeting));
    }

    private static async Task<Ok<List<JointMeetingView>>> MeetingsAsync(HttpContext http, LiaisonDbContext db)
    {
        var bureau = http.Caller().BureauId;
        var list = await db.JointMeetings.AsNoTracking().Where(m => m.BureauId == bureau).OrderByDescending(m => m.HeldOn).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(JointMeetingView.Of).ToList());
    }

    private static async Task<Results<Created<JointCaseView>, NotFound>> OpenCaseAsync(OpenJointCaseRequest request, HttpContext http,
        LiaisonDbContext db, SchoolClock clock, AuditTrail audit)
    {
        var studentId = Check.Id(request.StudentId, "studentId");
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var summary = RequestValidation.MultiLine(request.Summary, "summary", 4000);
        var shared = await AgenciesOfBureauAsync(db, student.BureauId, request.SharedWith, "sharedWith", 10, http.RequestAborted);
        var opened = new JointCase
        {
            BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = student.StudentId, Summary = summary, SharedWith = shared,
            OpenedBy = http.Caller().Subject, OpenedAt = clock.GetUtcNow(),
        };
        db.JointCases.Add(opened);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "joint-case", opened.Id.ToString(), opened.StudentId, opened.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/liaison/joint-cases/{opened.Id}", View(opened, http.Caller()));
    }

    private static async Task<Results<Ok<JointCaseView>, NotFound>> ShareCaseAsync(Guid caseId, ShareJointCaseRequest request, HttpContext http,
        LiaisonDbContext db, AuditTrail audit)
    {
        var caller = http.Caller();
        var shared = await db.JointCases.SingleOrDefaultAsync(c => c.Id == caseId, http.RequestAborted);
        if (shared is null || !caller.CanReachSchool(shared.BureauId, shared.SchoolId)) return TypedResults.NotFound();
        var agencies = await AgenciesOfBureauAsync(db, shared.BureauId, request.AgencyIds, "agencyIds", 10, http.RequestAborted);
        shared.SharedWith = shared.SharedWith.Union(agencies, StringComparer.Ordinal).ToList();
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "joint-case", shared.Id.ToString(), shared.StudentId, shared.SchoolId));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(View(shared, caller));
    }

    /// <summary>The cases the caller may read: a partner those shared with its agency; school staff their school's.</summary>
    private static IQueryable<JointCase>? Readable(LiaisonDbContext db, CallerScope caller)
    {
        var cases = db.JointCases.AsNoTracking().Where(c => c.BureauId == caller.BureauId);
        if (caller.IsInRole(XinYuRoles.Partner))
        {
            if (!caller.Scopes.Contains(XinYuScopes.JointCases) || string.IsNullOrEmpty(caller.AgencyId)) return null;
            var agency = caller.AgencyId;
            return cases.Where(c => c.SharedWith.Contains(agency));
        }
        return caller.SchoolId is { } school ? cases.Where(c => c.SchoolId == school) : null;
    }

    /// <summary>A partner sees only its own agency among those the case is shared with.</summary>
    private static JointCaseView View(JointCase c, CallerScope caller) => new(c.Id, c.StudentId, c.SchoolId, c.Summary,
        caller.IsInRole(XinYuRoles.Partner) ? c.SharedWith.Where(a => a == caller.AgencyId).ToList() : c.SharedWith, c.OpenedAt);

    private static async Task<Results<Ok<List<JointCaseView>>, NotFound>> CasesAsync(HttpContext http, LiaisonDbContext db)
    {
        var caller = http.Caller();
        if (Readable(db, caller) is not { } cases) return TypedResults.NotFound();
        var list = await cases.OrderByDescending(c => c.OpenedAt).Take(500).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(c => View(c, caller)).ToList());
    }

    private static async Task<Results<Ok<JointCaseView>, NotFound>> CaseAsync(Guid caseId, HttpContext http, LiaisonDbContext db)
    {
        var caller = http.Caller();
        if (Readable(db, caller) is not { } cases) return TypedResults.NotFound();
        var found = await cases.SingleOrDefaultAsync(c => c.Id == caseId, http.RequestAborted);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(View(found, caller));
    }
}
