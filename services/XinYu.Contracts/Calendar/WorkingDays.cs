namespace XinYu.Contracts;

// The working-day rule travels with the holiday list (HolidayListSet): Calendar applies it to derive the school year's
// dates, Screening to tell a student in crisis when the counsellor will be in touch. One rule, so both agree.

/// <summary>One day of the official public-holiday list: a holiday, or a make-up working day (调休) on a weekend.</summary>
public sealed record OfficialDay(DateOnly Date, DayKind Kind, string? Name = null);

public enum DayKind { Holiday = 0, Workday = 1 } // numbered: the holiday list carries them in messages

public static class DayKinds
{
    public static readonly string[] Names = ["holiday", "workday"];
    public static string ToName(this DayKind kind) => kind == DayKind.Holiday ? "holiday" : "workday";
    public static bool TryParse(string? name, out DayKind kind)
    {
        kind = name == "workday" ? DayKind.Workday : DayKind.Holiday;
        return name is "holiday" or "workday";
    }
}

/// <summary>
/// Which days are working days: Monday to Friday, except the official holidays, plus the make-up working days (调休)
/// that the official list puts on a Saturday or Sunday.
/// </summary>
public sealed class WorkingDays
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;

    public WorkingDays(IEnumerable<OfficialDay> officialDays)
    {
        var days = officialDays.ToList();
        _holidays = days.Where(d => d.Kind == DayKind.Holiday).Select(d => d.Date).ToHashSet();
        _workdays = days.Where(d => d.Kind == DayKind.Workday).Select(d => d.Date).ToHashSet();
    }

    public static readonly WorkingDays WeekdaysOnly = new([]);

    public bool IsWorkingDay(DateOnly day) =>
        _workdays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));
}
