namespace XinYu.Staffing.Domain;

/// <summary>The psych-lesson standard (settings section <c>Staffing:Lessons</c>); seeds 002/003: one every two weeks.</summary>
public sealed class LessonOptions
{
    public int LessonsPerPeriod { get; set; } = 1;
    public int PeriodDays { get; set; } = 14;
}

public sealed record ClassLessons(Guid ClassId, string ClassName, int Grade, int Given, int Expected, int Short, bool MeetsStandard);

/// <summary>
/// Psych lessons per class over the term so far. Rules: the term so far runs from its start to today (or its end, if
/// over); it holds ⌊days ÷ period⌋ complete periods (days counted inclusive), and a class is expected to have had
/// lessons-per-period × that many psych lessons (activities of kind psych-lesson held for the class on a day within the
/// span). A class that has had at least that many meets the standard. Before the term starts nothing is expected.
/// </summary>
public static class LessonRules
{
    public static int Expected(Term term, DateOnly today, LessonOptions o)
    {
        var until = today < term.EndsOn ? today : term.EndsOn;
        if (until < term.StartsOn) return 0;
        var days = until.DayNumber - term.StartsOn.DayNumber + 1;
        return days / o.PeriodDays * o.LessonsPerPeriod;
    }

    public static IReadOnlyList<ClassLessons> PerClass(IReadOnlyCollection<SchoolClass> classes, IReadOnlyCollection<HeldActivity> activities, Term term, DateOnly today, LessonOptions o)
    {
        var expected = Expected(term, today, o);
        var until = today < term.EndsOn ? today : term.EndsOn;
        return classes.OrderBy(c => c.Grade).ThenBy(c => c.Name, StringComparer.Ordinal).Select(c =>
        {
            var given = activities.Count(a => a.ClassId == c.Id && a.Kind == "psych-lesson" && a.HeldOn >= term.StartsOn && a.HeldOn <= until);
            return new ClassLessons(c.Id, c.Name, c.Grade, given, expected, Math.Max(0, expected - given), given >= expected);
        }).ToList();
    }
}
