using XinYu.Contracts;

namespace XinYu.Screening.Domain;

/// <summary>
/// When the school's counsellor will contact a student who answered a critical item (issue #17): today, on a school
/// day with a counsellor still on duty; else the next school day. A school day is a working day (the official holiday
/// list's rule, <see cref="WorkingDays"/>) inside a term. Pure: the caller brings what Screening knows.
/// </summary>
/// <remarks>
/// Without a term covering the days ahead Screening cannot tell a school day; then a counsellor's next duty day is
/// one (the rota is kept for school days), and without that either there is no day to promise: null, and the student
/// sees only the hotlines. A wrong day told to a student in crisis is worse than none.
/// </remarks>
public static class ContactDay
{
    /// <summary>How far ahead a school day is looked for (a winter holiday is about four weeks).</summary>
    public const int HorizonDays = 60;

    public static DateOnly? For(DateOnly today, TimeOnly now, IReadOnlyCollection<(DateOnly Date, TimeOnly EndsAt)> dutySlots,
        IReadOnlyCollection<(DateOnly StartsOn, DateOnly EndsOn)> terms, WorkingDays workingDays)
    {
        var onDutyToday = dutySlots.Any(s => s.Date == today && s.EndsAt > now);
        if (terms.Count == 0)
        {
            if (onDutyToday) return today;
            var next = dutySlots.Where(s => s.Date > today).Select(s => s.Date).Order().FirstOrDefault();
            return next == default ? null : next;
        }

        bool SchoolDay(DateOnly day) => workingDays.IsWorkingDay(day) && terms.Any(t => t.StartsOn <= day && day <= t.EndsOn);
        if (onDutyToday && SchoolDay(today)) return today;
        for (var day = today.AddDays(1); day <= today.AddDays(HorizonDays); day = day.AddDays(1))
        {
            if (SchoolDay(day)) return day;
        }
        return null;
    }
}
