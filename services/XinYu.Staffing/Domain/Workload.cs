using XinYu.Messaging.Copies;

namespace XinYu.Staffing.Domain;

/// <summary>How workload (课时量) is counted (settings section <c>Staffing:Workload</c>); defaults from seed 002.</summary>
public sealed class WorkloadOptions
{
    /// <summary>Minutes in one class hour (课时): group sessions, lectures and group activities count duration ÷ this.</summary>
    public int ClassHourMinutes { get; set; } = 45;
    /// <summary>
    /// Activity kinds besides psych-lesson, lecture and group-session that count by their duration (e.g.
    /// "parent-school"). Empty by default: other kinds do not count.
    /// </summary>
    public List<string> AlsoCountedActivityKinds { get; set; } = [];
}

/// <summary>A term (学期) as Calendar scheduled it; kept from <c>TermScheduled</c>, replaced when re-scheduled.</summary>
public sealed class Term : TermCopy;

/// <summary>
/// Class hours one staff member earned from one held session or activity. (Source, SourceId, StaffId) is unique, so
/// an event delivered again, even under a new message id, replaces its own entries rather than adding to them.
/// </summary>
public sealed class WorkloadEntry
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid? SchoolId { get; set; }
    public Guid StaffId { get; set; }
    /// <summary>counselling-session | activity</summary>
    public string Source { get; set; } = "";
    public Guid SourceId { get; set; }
    /// <summary>individual | group (sessions), or the activity's kind.</summary>
    public string Kind { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public int DurationMinutes { get; set; }
    public decimal ClassHours { get; set; }
}

/// <summary>An activity Calendar reported held: kept for the lesson count (psych lessons per class).</summary>
public sealed class HeldActivity
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid? SchoolId { get; set; }
    public Guid? ClassId { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public int DurationMinutes { get; set; }
}

public sealed record TeacherWorkload(Guid StaffId, string DisplayName, decimal ClassHours, int IndividualSessions, int GroupSessions, int PsychLessons, decimal OtherActivityHours);

/// <summary>
/// Workload (课时量, seed 002). Rules:
/// <list type="bullet">
/// <item>An individual counselling session counts 1 class hour, whatever its length.</item>
/// <item>A group counselling session counts its duration ÷ the class-hour length (45 min by default).</item>
/// <item>A psych lesson counts 1 class hour for each presenter.</item>
/// <item>A lecture or group session (activity) counts its duration ÷ the class-hour length for each presenter.</item>
/// <item>Other activity kinds count nothing, unless listed in <see cref="WorkloadOptions.AlsoCountedActivityKinds"/>
/// (then by duration).</item>
/// <item>Class hours are rounded to 2 decimal places per entry. A term's workload is the sum of entries held on a day
/// from its start to its end, inclusive.</item>
/// </list>
/// </summary>
public static class WorkloadRules
{
    public static readonly string[] SessionKinds = ["individual", "group"];

    public static decimal ByDuration(int minutes, WorkloadOptions o) => Math.Round((decimal)minutes / o.ClassHourMinutes, 2);

    public static decimal ForSession(string kind, int durationMinutes, WorkloadOptions o) => kind switch
    {
        "individual" => 1m,
        "group" => ByDuration(durationMinutes, o),
        _ => 0m,
    };

    public static decimal ForActivity(string kind, int durationMinutes, WorkloadOptions o) => kind switch
    {
        "psych-lesson" => 1m,
        "lecture" or "group-session" => ByDuration(durationMinutes, o),
        _ when o.AlsoCountedActivityKinds.Contains(kind, StringComparer.Ordinal) => ByDuration(durationMinutes, o),
        _ => 0m,
    };

    public static IReadOnlyList<TeacherWorkload> PerTeacher(IReadOnlyCollection<StaffMember> staff, IReadOnlyCollection<WorkloadEntry> entries, Term term)
    {
        var inTerm = entries.Where(e => e.HeldOn >= term.StartsOn && e.HeldOn <= term.EndsOn).ToList();
        return staff.OrderBy(s => s.DisplayName, StringComparer.Ordinal).Select(s =>
        {
            var own = inTerm.Where(e => e.StaffId == s.Id).ToList();
            return new TeacherWorkload(s.Id, s.DisplayName,
                own.Sum(e => e.ClassHours),
                own.Count(e => e.Source == WorkloadSources.Session && e.Kind == "individual"),
                own.Count(e => e.Source == WorkloadSources.Session && e.Kind == "group"),
                own.Count(e => e.Source == WorkloadSources.Activity && e.Kind == "psych-lesson"),
                own.Where(e => e.Source == WorkloadSources.Activity && e.Kind != "psych-lesson").Sum(e => e.ClassHours));
        }).ToList();
    }
}

public static class WorkloadSources
{
    public const string Session = "counselling-session";
    public const string Activity = "activity";
}
