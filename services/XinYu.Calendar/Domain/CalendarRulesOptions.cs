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
    public int[] TransitionGrades { get; set; } = [7, 10];

    /// <summary>Transition care lasts this many weeks from the autumn term's first teaching day.</summary>
    public int TransitionCareWeeks { get; set; } = 4;

    /// <summary>A calendar month is a teaching month (one lecture due) when it has at least this many teaching days.</summary>
    public int LectureMonthMinTeachingDays { get; set; } = 5;
}
