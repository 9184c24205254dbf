using XinYu.Client.Staff;

namespace XinYu.Web.Components.Pages.Records.Case;

/// <summary>
/// Whom a plan can name as the person in charge (专人专案). Screening takes a staff id of the student's school, but a
/// counsellor may not list the school's staff (Staffing) and the sign-in token names an account, not a staff record.
/// The counsellors on the counselling room's duty rota are staff of the school that the counsellor may read (Records'
/// duty slots), so the form offers them, each with their next duty as the only words there are for them.
/// </summary>
public static class PlanOwners
{
    /// <summary>How far ahead the duty rota is read: four weeks covers a counsellor who is on duty once a fortnight.</summary>
    public const int LookAheadDays = 27;

    public static IReadOnlyList<(Guid StaffId, DutySlot Next)> From(IEnumerable<DutySlot> slots) =>
        slots.GroupBy(s => s.CounsellorStaffId)
            .Select(g => (g.Key, g.OrderBy(s => s.Date).ThenBy(s => s.StartsAt).First()))
            .OrderBy(o => o.Item2.Date).ThenBy(o => o.Item2.StartsAt)
            .ToList();
}
