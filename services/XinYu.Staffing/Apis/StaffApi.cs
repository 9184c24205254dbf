using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Apis;

public sealed record RegisterStaffRequest(string? DisplayName, string[]? Roles, DateOnly? HireDate);

public sealed record LeaveRequest(DateOnly? LeftOn);

public sealed record StaffView(Guid Id, Guid? SchoolId, string DisplayName, string[] Roles, DateOnly HireDate, DateOnly? LeftOn = null)
{
    public static StaffView Of(StaffMember s) => new(s.Id, s.SchoolId, s.DisplayName, [.. s.Roles.Select(r => r.ToName())], s.HireDate, s.LeftOn);
}

/// <summary>
/// A school's staff (教师队伍): the school admin registers them; the bureau reads them for staffing standards. The
/// bureau's own research staff (教研员) are registered by the bureau admin.
/// </summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/staff", RegisterAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        api.MapGet("/schools/{schoolId:guid}/staff", ListAsync).RequireRoles(DirectoryRoles.StaffReaders);
        api.MapPost("/schools/{schoolId:guid}/staff/{staffId:guid}/leave", LeaveAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        api.MapPost("/research-staff", RegisterResearchStaffAsync).RequireRoles(DirectoryRoles.BureauManagers);
        api.MapGet("/research-staff", ListResearchStaffAsync).RequireRoles(DirectoryRoles.BureauReaders);
        return api;
    }

    private static async Task<Results<Created<StaffView>, NotFound>> RegisterAsync(Guid schoolId, RegisterStaffRequest request, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var staff = db.RegisterStaff(school, request);
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}/staff/{staff.Id}", StaffView.Of(staff));
    }

    /// <summary>Validates and adds one staff member of a school with its StaffRegistered event (not saved).</summary>
    internal static StaffMember RegisterStaff(this StaffingDbContext db, School school, RegisterStaffRequest request)
    {
        var roles = ParseRoles(request.Roles);
        var hireDate = RequestValidation.Required(request.HireDate, "hireDate", "Give the hire date (yyyy-mm-dd).");
        var staff = StaffMember.Register(school.BureauId, school.Id, request.DisplayName, roles, hireDate);
        db.Staff.Add(staff);
        // Roles, not the name: consumers count staffing, they do not show people.
        db.Publish(new StaffRegistered { BureauId = school.BureauId, SchoolId = school.Id, StaffId = staff.Id, Roles = [.. staff.Roles.Select(r => r.ToName())] },
            SchoolsApi.AggregateKey(school.Id));
        return staff;
    }

    /// <summary>
    /// A staff member left the school. StaffLeftSchool carries the linked account's subject (if any), so Identity takes
    /// the school from that account; the staff record stays, for the workload already counted.
    /// </summary>
    private static async Task<Results<Ok<StaffView>, NotFound>> LeaveAsync(Guid schoolId, Guid staffId, LeaveRequest request, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        if (await db.StaffOfSchoolAsync(school, staffId, http.RequestAborted) is not { } staff) return TypedResults.NotFound();
        staff.Leave(RequestValidation.Required(request.LeftOn, "leftOn", "Give the day they left (yyyy-mm-dd)."));
        db.Publish(new StaffLeftSchool { BureauId = school.BureauId, SchoolId = school.Id, StaffId = staff.Id, AccountSubject = staff.AccountSubject, LeftOn = staff.LeftOn!.Value },
            SchoolsApi.AggregateKey(school.Id));
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Ok(StaffView.Of(staff));
    }

    /// <summary>The bureau's research staff (教研员): they belong to no school, so the bureau admin registers them.</summary>
    private static async Task<Created<StaffView>> RegisterResearchStaffAsync(RegisterStaffRequest request, HttpContext http, StaffingDbContext db)
    {
        var bureau = CallerScope.From(http.User).BureauId
            ?? throw new RequestRejectedException("bureau", "The caller's token names no bureau.", StatusCodes.Status403Forbidden);
        var roles = ParseRoles(request.Roles);
        var hireDate = RequestValidation.Required(request.HireDate, "hireDate", "Give the hire date (yyyy-mm-dd).");
        var staff = StaffMember.Register(bureau, null, request.DisplayName, roles, hireDate);
        db.Staff.Add(staff);
        db.Publish(new StaffRegistered { BureauId = bureau, StaffId = staff.Id, Roles = [.. staff.Roles.Select(r => r.ToName())] }, $"bureau:{bureau}");
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/research-staff/{staff.Id}", StaffView.Of(staff));
    }

    private static async Task<Ok<List<StaffView>>> ListResearchStaffAsync(HttpContext http, StaffingDbContext db)
    {
        var bureau = CallerScope.From(http.User).BureauId;
        var staff = await db.Staff.AsNoTracking().Where(s => s.BureauId == bureau && s.SchoolId == null)
            .OrderBy(s => s.DisplayName).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(staff.Select(StaffView.Of).ToList());
    }

    private static List<StaffRole> ParseRoles(string[]? names)
    {
        var roles = new List<StaffRole>();
        foreach (var name in names ?? [])
        {
            roles.Add(StaffRoles.TryParse(name, out var role) ? role
                : throw new RequestRejectedException("roles", $"Roles are from: {string.Join(", ", StaffRoles.Names)}."));
        }
        return roles;
    }

    private static async Task<Results<Ok<List<StaffView>>, NotFound>> ListAsync(Guid schoolId, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).OrderBy(s => s.DisplayName).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(staff.Select(StaffView.Of).ToList());
    }
}
