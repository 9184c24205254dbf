using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Messaging.Directory;

/// <summary>
/// The one check of staff ids a request body names (presenters, counsellors, visitors, registrants, feed owners):
/// each must be a staff member the directory registered where the request may name them. An id outside that reach
/// is answered like a missing one (404 naming the field), so a school learns nothing of another school's staff and
/// cannot book its work (workload, 课时量) to them; an id of the wrong kind (a counsellor who is no psych teacher) is
/// a 400 naming the field.
/// </summary>
public static class StaffInReach
{
    /// <summary>The directory's roles of psych teachers: those who hold duty slots and counselling sessions.</summary>
    public static readonly IReadOnlyCollection<string> PsychTeachers = ["full-time-psych", "part-time-psych"];

    /// <param name="belongs">Whether the request may name this staff member (their bureau and school).</param>
    /// <param name="roles">If given, the staff member must hold one of these directory roles.</param>
    public static async Task RequireStaffAsync(this DbContext db, IReadOnlyList<Guid> ids, string field, Func<KnownStaffMember, bool> belongs,
        CancellationToken ct, IReadOnlyCollection<string>? roles = null, bool list = true)
    {
        if (ids.Count == 0) return;
        var known = await db.Set<KnownStaffMember>().AsNoTracking().Where(s => ids.Contains(s.StaffId)).ToDictionaryAsync(s => s.StaffId, ct);
        for (var i = 0; i < ids.Count; i++)
        {
            var name = list ? $"{field}[{i}]" : field;
            if (!known.TryGetValue(ids[i], out var staff) || !belongs(staff))
                throw new RequestRejectedException(name, "No staff member in your reach has this id.", StatusCodes.Status404NotFound);
            if (roles is not null && !staff.Roles.Any(roles.Contains))
                throw new RequestRejectedException(name, $"This staff member is not one of: {string.Join(", ", roles)}.");
        }
    }

    /// <summary>One staff id (not a list): the problem names <paramref name="field"/> itself.</summary>
    public static Task RequireStaffAsync(this DbContext db, Guid id, string field, Func<KnownStaffMember, bool> belongs, CancellationToken ct,
        IReadOnlyCollection<string>? roles = null) =>
        db.RequireStaffAsync([id], field, belongs, ct, roles, list: false);
}
