using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Apis;

public sealed record RegisterStaffRequest(string? DisplayName, string[]? Roles, DateOnly? HireDate);

public sealed record StaffView(Guid Id, Guid? SchoolId, string DisplayName, string[] Roles, DateOnly HireDate)
{
    public static StaffView Of(StaffMember s) => new(s.Id, s.SchoolId, s.DisplayName, [.. s.Roles.Select(r => r.ToName())], s.HireDate);
}

/// <summary>A school's staff (教师队伍): the school admin registers them; the bureau reads them for staffing standards.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/staff", RegisterAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        api.MapGet("/schools/{schoolId:guid}/staff", ListAsync).RequireRoles(DirectoryRoles.StaffReaders);
        return api;
    }

    private static async Task<Results<Created<StaffView>, NotFound>> RegisterAsync(Guid schoolId, RegisterStaffRequest request, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var roles = new List<StaffRole>();
        foreach (var name in request.Roles ?? [])
        {
            roles.Add(StaffRoles.TryParse(name, out var role) ? role
                : throw new RequestRejectedException("roles", $"Roles are from: {string.Join(", ", StaffRoles.Names)}."));
        }
        var hireDate = StaffingApi.Required(request.HireDate, "hireDate", "Give the hire date (yyyy-mm-dd).");
        var staff = StaffMember.Register(school.BureauId, school.Id, request.DisplayName, roles, hireDate);
        db.Staff.Add(staff);
        // Roles, not the name: consumers count staffing, they do not show people.
        db.Publish(new StaffRegistered { BureauId = school.BureauId, SchoolId = school.Id, StaffId = staff.Id, Roles = [.. staff.Roles.Select(r => r.ToName())] },
            SchoolsApi.AggregateKey(school.Id));
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}/staff/{staff.Id}", StaffView.Of(staff));
    }

    private static async Task<Results<Ok<List<StaffView>>, NotFound>> ListAsync(Guid schoolId, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).OrderBy(s => s.DisplayName).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(staff.Select(StaffView.Of).ToList());
    }
}
