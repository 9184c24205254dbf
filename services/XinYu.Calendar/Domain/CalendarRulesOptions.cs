namespace XinYu.Calendar.Domain;

/// <summary>The policy numbers of the derived calendar (configuration section <c>CalendarRules</c>).</summary>
public sealed class CalendarRulesOptions
{
    public const string Section = "CalendarRules";

    /// <summary>The October screening window, as month and day in the school year's first calendar year (default Oct 1–31).</summary>
    public int ScreeningWindowStartMonth { get; set; } = 10;
    public int ScreeningWindowStartDay { get; set; } = 1;
    public int ScreeningWindowEndMonth { get; set; } = 10;
    public int ScreeningWindowEndDay { get; set; } = 31;

    /// <summary>Exam-season care runs this many days before each exam date the bureau sets (the exam day itself excluded).</summary>
    public int ExamCareDays { get; set; } = 14;

    /// <summary>The grades that start a new stage (小升初 6→7, 初升高 9→10): transition care at the start of the autumn term.</summary>
    /// <remarks>Null here, so a configured list replaces the default instead of being appended to it (the binder appends to arrays).</remarks>
    public int[]? TransitionGrades { get; set; }
    public static readonly int[] DefaultTransitionGrades = [7, 10];
    public IReadOnlyList<int> EffectiveTransitionGrades => TransitionGrades ?? DefaultTransitionGrades;

    /// <summary>Transition care lasts this many weeks from the autumn term's first teaching day.</summary>
    public int TransitionCareWeeks { get; set; } = 4;

    /// <summary>A calendar month is a teaching month (one lecture due) when it has at least this many teaching days.</summary>
    public int LectureMonthMinTeachingDays { get; set; } = 5;

    /// <summary>Checked at start: a nonsense setting stops the service instead of failing every request.</summary>
    public bool IsValid()
    {
        static bool Day(int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2001, month);
        return Day(ScreeningWindowStartMonth, ScreeningWindowStartDay) && Day(ScreeningWindowEndMonth, ScreeningWindowEndDay)
            && (ScreeningWindowStartMonth, ScreeningWindowStartDay).CompareTo((ScreeningWindowEndMonth, ScreeningWindowEndDay)) <= 0
            && ExamCareDays is >= 1 and <= 120 && TransitionCareWeeks is >= 1 and <= 20
            && EffectiveTransitionGrades.All(g => g is >= 1 and <= 12) && LectureMonthMinTeachingDays is >= 1 and <= 23;
    }
}
