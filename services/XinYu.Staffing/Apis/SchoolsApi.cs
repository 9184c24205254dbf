using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Apis;

/// <summary>Every field is required; nullable so a missing one is reported by name rather than defaulted.</summary>
public sealed record SchoolRequest(string? Name, string? Code, string? Level, bool? Urban, bool? Boarding, int? StudentCount, bool? LegalEntity)
{
    public SchoolDetails ToDetails() => new(
        Name ?? "",
        Code ?? "",
        SchoolLevels.TryParse(Level, out var level) ? level
            : throw new RequestRejectedException("level", $"One of: {string.Join(", ", SchoolLevels.Names)}."),
        RequestValidation.Required(Urban, "urban", "Say whether the school is urban (true) or rural (false)."),
        RequestValidation.Required(Boarding, "boarding", "Say whether the school boards students."),
        RequestValidation.Required(StudentCount, "studentCount", "Give the number of students."),
        RequestValidation.Required(LegalEntity, "legalEntity", "Say whether the school is a legal entity (法人学校)."));
}

public sealed record SchoolView(Guid Id, Guid BureauId, string Name, string Code, string Level, bool Urban, bool Boarding, int StudentCount, bool LegalEntity)
{
    public static SchoolView Of(School s) => new(s.Id, s.BureauId, s.Name, s.Code, s.Level.ToName(), s.IsUrban, s.IsBoarding, s.StudentCount, s.IsLegalEntity);
}

/// <summary>Schools (学校): a bureau admin registers and updates its bureau's schools.</summary>
public static class SchoolsApi
{
    public static RouteGroupBuilder MapSchoolsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools", RegisterAsync).RequireRoles(DirectoryRoles.BureauManagers);
        api.MapGet("/schools", ListAsync).RequireRoles(DirectoryRoles.BureauReaders);
        api.MapGet("/schools/{schoolId:guid}", GetAsync).RequireRoles(DirectoryRoles.SchoolReaders);
        api.MapPut("/schools/{schoolId:guid}", UpdateAsync).RequireRoles(DirectoryRoles.BureauManagers);
        return api;
    }

    private static async Task<Created<SchoolView>> RegisterAsync(SchoolRequest request, HttpContext http, StaffingDbContext db)
    {
        var bureau = CallerScope.From(http.User).BureauId
            ?? throw new RequestRejectedException("bureau", "The caller's token names no bureau.", StatusCodes.Status403Forbidden);
        var school = School.Register(bureau, request.ToDetails());
        if (await db.Schools.AnyAsync(s => s.BureauId == bureau && s.Code == school.Code, http.RequestAborted))
        {
            throw new RequestRejectedException("code", "A school with this code exists in the bureau.", StatusCodes.Status409Conflict);
        }
        db.Schools.Add(school);
        db.Publish(new SchoolRegistered
        {
            BureauId = bureau, SchoolId = school.Id, Level = school.Level.ToName(), Urban = school.IsUrban,
            Boarding = school.IsBoarding, StudentCount = school.StudentCount, LegalEntity = school.IsLegalEntity,
        }, AggregateKey(school.Id));
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}", SchoolView.Of(school));
    }

    private static async Task<Ok<List<SchoolView>>> ListAsync(HttpContext http, StaffingDbContext db)
    {
        var bureau = CallerScope.From(http.User).BureauId;
        var schools = await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau).OrderBy(s => s.Code).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(schools.Select(SchoolView.Of).ToList());
    }

    private static async Task<Results<Ok<SchoolView>, NotFound>> GetAsync(Guid schoolId, HttpContext http, StaffingDbContext db) =>
        await db.ReachableSchoolAsync(http, schoolId) is { } school ? TypedResults.Ok(SchoolView.Of(school)) : TypedResults.NotFound();

    private static async Task<Results<Ok<SchoolView>, NotFound>> UpdateAsync(Guid schoolId, SchoolRequest request, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var details = request.ToDetails();
        if (details.Code.Trim() != school.Code
            && await db.Schools.AnyAsync(s => s.BureauId == school.BureauId && s.Code == details.Code.Trim() && s.Id != school.Id, http.RequestAborted))
        {
            throw new RequestRejectedException("code", "A school with this code exists in the bureau.", StatusCodes.Status409Conflict);
        }
        var openGrades = await db.Classes.Where(c => c.SchoolId == school.Id && !c.IsClosed).Select(c => c.Grade).Distinct().ToListAsync(http.RequestAborted);
        school.Update(details, openGrades);
        db.Publish(new SchoolUpdated
        {
            BureauId = school.BureauId, SchoolId = school.Id, Level = school.Level.ToName(), Urban = school.IsUrban,
            Boarding = school.IsBoarding, StudentCount = school.StudentCount, LegalEntity = school.IsLegalEntity,
        }, AggregateKey(school.Id));
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Ok(SchoolView.Of(school));
    }

    /// <summary>Every directory event of a school shares one key, so consumers see them in order.</summary>
    internal static string AggregateKey(Guid schoolId) => $"school:{schoolId}";
}
