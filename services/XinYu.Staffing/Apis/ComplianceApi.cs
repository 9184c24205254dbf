using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Staffing.Apis;

/// <summary>Staffing compliance: full-time psych teachers against the deadlines and the standard, research staff.</summary>
public static class ComplianceApi
{
    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/compliance", BureauAsync).RequireRoles(DirectoryRoles.BureauReaders);
        api.MapGet("/schools/{schoolId:guid}/compliance", SchoolAsync).RequireRoles(DirectoryRoles.StaffReaders);
        return api;
    }

    private static async Task<Ok<BureauCompliance>> BureauAsync(HttpContext http, StaffingDbContext db, SchoolClock clock, IOptions<ComplianceOptions> options) =>
        TypedResults.Ok(await StaffingFigures.ComplianceAsync(db, StaffingApi.CallerBureau(http), clock.Today(), options.Value, http.RequestAborted));

    private static async Task<Results<Ok<SchoolCompliance>, NotFound>> SchoolAsync(Guid schoolId, HttpContext http, StaffingDbContext db,
        SchoolClock clock, IOptions<ComplianceOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var facts = await StaffingFigures.FactsAsync(db, [school], http.RequestAborted);
        return TypedResults.Ok(ComplianceRules.Assess(facts[0], clock.Today(), options.Value));
    }
}
