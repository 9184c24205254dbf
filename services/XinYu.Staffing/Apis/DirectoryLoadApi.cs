using Microsoft.AspNetCore.Http.HttpResults;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Apis;

public sealed record DirectoryLoadRequest(OpenClassRequest[]? Classes, RegisterStaffRequest[]? Staff);

/// <summary>What was created, in the order given, so the caller can pair its own rows with their ids.</summary>
public sealed record DirectoryLoadView(List<ClassView> Classes, List<StaffView> Staff);

/// <summary>
/// A school's classes and staff in one request (a school joining XinYu, or the start of a school year): the same
/// rules and events as opening each class and registering each member one by one, in one transaction. It exists
/// because a city's directory (some 20,000 staff and 7,000 classes for 200 schools) took an hour one write at a time.
/// </summary>
public static class DirectoryLoadApi
{
    /// <summary>More than any school has (a 3,000-student school has about 250 staff); a bigger body is a mistake.</summary>
    public const int MaxEntries = 1_000;

    public static RouteGroupBuilder MapDirectoryLoadApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/directory", LoadAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        return api;
    }

    /// <summary>
    /// All or nothing: the first entry a rule refuses is answered 400 naming it by position (<c>classes[3].grade</c>)
    /// and nothing is stored, so the school admin fixes the file and sends it again.
    /// </summary>
    private static async Task<Results<Created<DirectoryLoadView>, NotFound>> LoadAsync(Guid schoolId, DirectoryLoadRequest request,
        HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var classes = request.Classes ?? [];
        var staff = request.Staff ?? [];
        if (classes.Length == 0 && staff.Length == 0)
            throw new RequestRejectedException("classes", "Give at least one class or staff member.");
        if (classes.Length > MaxEntries) throw new RequestRejectedException("classes", $"At most {MaxEntries} classes in one request.");
        if (staff.Length > MaxEntries) throw new RequestRejectedException("staff", $"At most {MaxEntries} staff members in one request.");

        var year = clock.GetUtcNow().Year;
        var opened = classes.Select((entry, i) => Entry($"classes[{i}]", () => db.OpenClass(school, entry ?? Missing<OpenClassRequest>(), year))).ToList();
        var registered = staff.Select((entry, i) => Entry($"staff[{i}]", () => db.RegisterStaff(school, entry ?? Missing<RegisterStaffRequest>()))).ToList();
        await db.SaveDirectoryAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}",
            new DirectoryLoadView([.. opened.Select(ClassView.Of)], [.. registered.Select(StaffView.Of)]));
    }

    private static T Missing<T>() => throw new RequestRejectedException("", "An entry is null.");

    /// <summary>Runs one entry's rules, naming the entry in the field at fault.</summary>
    private static T Entry<T>(string prefix, Func<T> create)
    {
        try { return create(); }
        catch (RequestRejectedException e) { throw new RequestRejectedException(Field(prefix, e.Field), e.Message, e.Status, e.Title); }
        catch (DirectoryRuleException e) { throw new RequestRejectedException(Field(prefix, e.Field), e.Message); }
    }

    private static string Field(string prefix, string field) => field.Length == 0 ? prefix : $"{prefix}.{field}";
}
