namespace XinYu.Screening.Domain;

/// <summary>An invited student: enrolled, active, in one of the campaign's schools and grades.</summary>
public sealed record InvitedStudent(Guid StudentId, Guid SchoolId, Guid ClassId, int Grade);

public sealed record ClassProgress(Guid ClassId, int Grade, int Invited, int Completed, bool Behind);
public sealed record SchoolProgress(Guid SchoolId, int Invited, int Completed, IReadOnlyList<ClassProgress> Classes);

public static class CampaignRules
{
    /// <summary>
    /// Progress per school and class. A student has completed when they answered every instrument of the campaign. A
    /// class is behind when its share completed is below the share of the window that has passed (after the window,
    /// any class not at 100 % is behind; before it, none is).
    /// </summary>
    public static IReadOnlyList<SchoolProgress> Progress(IEnumerable<InvitedStudent> invited, IReadOnlySet<Guid> completed,
        DateOnly windowStart, DateOnly windowEnd, DateOnly today)
    {
        var expected = ExpectedShare(windowStart, windowEnd, today);
        return invited
            .GroupBy(s => s.SchoolId)
            .Select(school =>
            {
                var classes = school.GroupBy(s => (s.ClassId, s.Grade))
                    .Select(c =>
                    {
                        var n = c.Count();
                        var done = c.Count(s => completed.Contains(s.StudentId));
                        return new ClassProgress(c.Key.ClassId, c.Key.Grade, n, done, (double)done / n < expected);
                    })
                    .OrderBy(c => c.Grade).ThenBy(c => c.ClassId).ToList();
                return new SchoolProgress(school.Key, classes.Sum(c => c.Invited), classes.Sum(c => c.Completed), classes);
            })
            .OrderBy(s => s.SchoolId).ToList();
    }

    /// <summary>The share of the window's days that have passed by the end of <paramref name="today"/>, 0 to 1.</summary>
    public static double ExpectedShare(DateOnly windowStart, DateOnly windowEnd, DateOnly today)
    {
        if (today < windowStart) return 0;
        if (today >= windowEnd) return 1;
        var days = windowEnd.DayNumber - windowStart.DayNumber + 1;
        return (double)(today.DayNumber - windowStart.DayNumber + 1) / days;
    }

    /// <summary>A window is a real span of at most a year, starting no earlier than last year and no later than next year.</summary>
    public static void ValidateWindow(DateOnly start, DateOnly end, DateOnly today)
    {
        if (start.Year < today.Year - 1 || start.Year > today.Year + 1)
            throw new ScreeningRuleException("windowStart", $"Start the window between {today.Year - 1} and {today.Year + 1}.");
        if (end < start) throw new ScreeningRuleException("windowEnd", "The window ends on or after its first day.");
        if (end.DayNumber - start.DayNumber > 366) throw new ScreeningRuleException("windowEnd", "A window lasts at most a year.");
        if (end < today) throw new ScreeningRuleException("windowEnd", "The window has already ended.");
    }
}
