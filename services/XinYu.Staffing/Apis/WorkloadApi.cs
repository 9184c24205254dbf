using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Time;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Staffing.Apis;

public sealed record LinkAccountRequest(string? AccountSubject);

public sealed record TermView(Guid Id, int SchoolYear, int Number, DateOnly StartsOn, DateOnly EndsOn);

public sealed record SchoolWorkloadView(Guid SchoolId, string SchoolName, TermView Term, decimal TotalClassHours, List<TeacherWorkload> Teachers);

/// <summary>Workload (课时量) per teacher per term, counted from Records' sessions and Calendar's activities.</summary>
public static class WorkloadApi
{
    public static RouteGroupBuilder MapWorkloadApi(this RouteGroupBuilder api)
    {
        api.MapGet("/terms", TermsAsync).RequireRoles([.. DirectoryRoles.StaffReaders, XinYuRoles.Counsellor]);
        api.MapGet("/schools/{schoolId:guid}/workload", SchoolAsync).RequireRoles(DirectoryRoles.StaffReaders);
        api.MapGet("/me/workload", OwnAsync).RequireRoles(XinYuRoles.Counsellor);
        api.MapPut("/schools/{schoolId:guid}/staff/{staffId:guid}/account", LinkAccountAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        return api;
    }

    private static async Task<Ok<List<TermView>>> TermsAsync(HttpContext http, StaffingDbContext db)
    {
        var bureau = StaffingApi.CallerBureau(http);
        var terms = await db.Terms.AsNoTracking().Where(t => t.BureauId == bureau).OrderBy(t => t.StartsOn).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(terms.Select(ViewOf).ToList());
    }

    private static async Task<Results<Ok<SchoolWorkloadView>, NotFound>> SchoolAsync(Guid schoolId, Guid? termId, HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var term = await TermAsync(db, school.BureauId, termId, clock, http.RequestAborted);
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(http.RequestAborted);
        var rows = await StaffingFigures.WorkloadAsync(db, staff, term, http.RequestAborted);
        return TypedResults.Ok(new SchoolWorkloadView(school.Id, school.Name, ViewOf(term), rows.Sum(r => r.ClassHours), [.. rows]));
    }

    /// <summary>A counsellor's own workload: the staff record linked to the caller's account.</summary>
    private static async Task<Results<Ok<TeacherWorkload>, NotFound>> OwnAsync(Guid? termId, HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        var caller = CallerScope.From(http.User);
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.BureauId == caller.BureauId && s.AccountSubject == caller.Subject
            && s.SchoolId == caller.SchoolId, http.RequestAborted);
        if (staff is null || caller.Subject.Length == 0) return TypedResults.NotFound();
        var term = await TermAsync(db, staff.BureauId, termId, clock, http.RequestAborted);
        return TypedResults.Ok((await StaffingFigures.WorkloadAsync(db, [staff], term, http.RequestAborted)).Single());
    }

    private static async Task<Results<NoContent, NotFound>> LinkAccountAsync(Guid schoolId, Guid staffId, LinkAccountRequest request, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        if (await db.StaffOfSchoolAsync(school, staffId, http.RequestAborted) is not { } staff) return TypedResults.NotFound();
        staff.LinkAccount(request.AccountSubject);
        // Only an account of this school, as Identity announced it: unknown, another school's and another bureau's
        // all answer the same 404, so the answer tells nothing about accounts out of reach.
        if (!Guid.TryParse(staff.AccountSubject, out var accountId) || !await db.KnownAccounts.AnyAsync(a => a.AccountId == accountId && a.BureauId == school.BureauId
                && a.SchoolId == school.Id, http.RequestAborted))
            throw new RequestRejectedException("accountSubject",
                "Not an account of this school (an account created a moment ago may take a second to arrive).", StatusCodes.Status404NotFound);
        if (await db.Staff.AnyAsync(s => s.BureauId == school.BureauId && s.AccountSubject == staff.AccountSubject && s.Id != staff.Id, http.RequestAborted))
            throw new RequestRejectedException("accountSubject", "Another staff member is linked to this account.", StatusCodes.Status409Conflict);
        await db.SaveOrConflictAsync("accountSubject", "Another staff member is linked to this account.", http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The asked term of the bureau, or the one today falls in (else the latest started). None: 400 naming termId.</summary>
    internal static async Task<Term> TermAsync(StaffingDbContext db, Guid bureau, Guid? termId, SchoolClock clock, CancellationToken ct)
    {
        var terms = await db.Terms.AsNoTracking().Where(t => t.BureauId == bureau).ToListAsync(ct);
        if (termId is { } id)
            return terms.SingleOrDefault(t => t.TermId == id) ?? throw new RequestRejectedException("termId", "No such term in the bureau.");
        var today = clock.Today();
        return terms.FirstOrDefault(t => t.StartsOn <= today && today <= t.EndsOn)
            ?? terms.Where(t => t.StartsOn <= today).MaxBy(t => t.StartsOn)
            ?? throw new RequestRejectedException("termId", "No term has started: the calendar has scheduled none yet.");
    }

    internal static TermView ViewOf(Term t) => new(t.TermId, t.SchoolYear, t.Number, t.StartsOn, t.EndsOn);
}
