using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Staffing.Apis;

public sealed record OpenClassRequest(int? Grade, string? Name, int? EntryYear);
public sealed record AssignStaffRequest(Guid? StaffId, string? Kind);

public sealed record ClassView(Guid Id, Guid SchoolId, int Grade, string Name, int EntryYear, Guid? HeadTeacherId, bool Closed)
{
    public static ClassView Of(SchoolClass c) => new(c.Id, c.SchoolId, c.Grade, c.Name, c.EntryYear, c.HeadTeacherId, c.IsClosed);
}

public sealed record AssignmentView(Guid Id, Guid ClassId, Guid StaffId, string Kind, DateTimeOffset AssignedAt)
{
    public static AssignmentView Of(ClassAssignment a) => new(a.Id, a.ClassId, a.StaffId, a.Kind.ToName(), a.AssignedAt);
}

/// <summary>Classes (班级) of a school and who works with them: the school admin opens, closes and staffs them.</summary>
public static class ClassesApi
{
    public static RouteGroupBuilder MapClassesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/classes", OpenAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        api.MapGet("/schools/{schoolId:guid}/classes", ListAsync).RequireRoles(DirectoryRoles.SchoolReaders);
        api.MapPost("/schools/{schoolId:guid}/classes/{classId:guid}/close", CloseAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        api.MapPost("/schools/{schoolId:guid}/classes/{classId:guid}/assignments", AssignAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        return api;
    }

    private static async Task<Results<Created<ClassView>, NotFound>> OpenAsync(Guid schoolId, OpenClassRequest request, HttpContext http,
        StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var opened = db.OpenClass(school, request, clock.GetUtcNow().Year);
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}/classes/{opened.Id}", ClassView.Of(opened));
    }

    /// <summary>Validates and adds one class with its ClassOpened event (not saved): one request's or one entry of a directory load.</summary>
    internal static SchoolClass OpenClass(this StaffingDbContext db, School school, OpenClassRequest request, int currentYear)
    {
        var grade = RequestValidation.Required(request.Grade, "grade", "Give the grade, 1 to 12.");
        var entryYear = RequestValidation.Required(request.EntryYear, "entryYear", "Give the year the class's students entered.");
        var opened = SchoolClass.Open(school, grade, request.Name, entryYear, currentYear);
        db.Classes.Add(opened);
        db.Publish(new ClassOpened { BureauId = school.BureauId, SchoolId = school.Id, ClassId = opened.Id, Grade = opened.Grade, EntryYear = opened.EntryYear },
            SchoolsApi.AggregateKey(school.Id));
        return opened;
    }

    private static async Task<Results<Ok<List<ClassView>>, NotFound>> ListAsync(Guid schoolId, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolId == school.Id)
            .OrderBy(c => c.Grade).ThenBy(c => c.Name).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(classes.Select(ClassView.Of).ToList());
    }

    private static async Task<Results<Ok<ClassView>, NotFound>> CloseAsync(Guid schoolId, Guid classId, HttpContext http, StaffingDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        if (await db.Classes.SingleOrDefaultAsync(c => c.Id == classId && c.SchoolId == school.Id, http.RequestAborted) is not { } closing)
            return TypedResults.NotFound();
        closing.Close();
        db.Publish(new ClassClosed { BureauId = school.BureauId, SchoolId = school.Id, ClassId = closing.Id }, SchoolsApi.AggregateKey(school.Id));
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Ok(ClassView.Of(closing));
    }

    private static async Task<Results<Created<AssignmentView>, NotFound>> AssignAsync(Guid schoolId, Guid classId, AssignStaffRequest request,
        HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        if (await db.Classes.SingleOrDefaultAsync(c => c.Id == classId && c.SchoolId == school.Id, http.RequestAborted) is not { } target)
            return TypedResults.NotFound();
        var staffId = RequestValidation.Required(request.StaffId, "staffId", "Give the staff member's id.");
        if (!AssignmentKinds.TryParse(request.Kind, out var kind))
            throw new RequestRejectedException("kind", $"One of: {string.Join(", ", AssignmentKinds.Names)}.");
        // Looked up within the bureau only, so a staff member of another bureau reads as unknown; one of another
        // school of the same bureau is refused by the domain rule, naming the reason.
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId && s.BureauId == school.BureauId, http.RequestAborted)
            ?? throw new RequestRejectedException("staffId", "No such staff member.");
        var existing = await db.Assignments.Where(a => a.ClassId == target.Id).ToListAsync(http.RequestAborted);
        var assignment = target.Assign(staff, kind, existing, clock.GetUtcNow());
        db.Assignments.Add(assignment);
        db.Publish(new StaffAssignedToClass
        {
            BureauId = school.BureauId, SchoolId = school.Id, ClassId = target.Id, StaffId = staff.Id, Kind = kind.ToName(),
        }, SchoolsApi.AggregateKey(school.Id));
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}/classes/{target.Id}/assignments/{assignment.Id}", AssignmentView.Of(assignment));
    }
}
