using XinYu.Contracts;
namespace XinYu.Calendar.Domain;

/// <summary>
/// One thing the school year brings, derived from the bureau's term dates, exam dates and holiday list.
/// <paramref name="From"/>..<paramref name="To"/> is the period (one day for a fixed day); <paramref name="ActivityOn"/>
/// is, for a fixed day, the day schools hold its activities (see <see cref="CalendarRules.ActivityDay"/>).
/// <paramref name="Required"/> items are those each school must hold an event for (see <see cref="RequiredEvents"/>).
/// </summary>
public sealed record DerivedItem(
    string Kind, string Title, DateOnly From, DateOnly To, DateOnly? ActivityOn = null, int? Term = null, int? Grade = null,
    bool Required = false);

/// <summary>The kinds of <see cref="DerivedItem"/>.</summary>
public static class DerivedKinds
{
    public const string MentalHealthWeek = "mh-week";
    public const string MentalHealthMonth = "mh-month";
    public const string HappinessDay = "day-3-20";
    public const string StudentMentalHealthDay = "day-5-25";
    public const string WorldMentalHealthDay = "day-10-10";
    public const string ScreeningWindow = "screening-window";
    public const string ParentMeetingFirstWeek = "parent-meeting-first-week";
    public const string ParentMeetingLastWeek = "parent-meeting-last-week";
    public const string ExamCare = "exam-care";
    public const string TransitionCare = "transition-care";
    public const string MonthlyLecture = "monthly-lecture";
}

/// <summary>
/// The rules that turn a school year's layout into its calendar (docs/calendar.md states them). Pure: no clock, no
/// database. A working day is Monday–Friday unless an official holiday, or a make-up working day (调休) on a weekend;
/// a teaching day is a working day inside a term.
/// </summary>
public static class CalendarRules
{
    public static IReadOnlyList<DerivedItem> Derive(SchoolYearLayout year, WorkingDays days, CalendarRulesOptions rules)
    {
        var items = new List<DerivedItem>();
        foreach (var term in year.Terms)
        {
            var first = FirstTeachingWeek(term, days);
            var last = LastTeachingWeek(term, days);
            if (first is { } f)
            {
                items.Add(new(DerivedKinds.MentalHealthWeek, "心理健康教育周 Mental Health Education Week", f.From, f.To, Term: term.Number, Required: true));
                items.Add(new(DerivedKinds.ParentMeetingFirstWeek, "家长会（学期第一周） Parent meeting, first week", f.From, f.To, Term: term.Number, Required: true));
            }
            if (last is { } l)
            {
                items.Add(new(DerivedKinds.ParentMeetingLastWeek, "家长会（学期最后一周） Parent meeting, last week", l.From, l.To, Term: term.Number, Required: true));
            }
        }

        var spring = year.StartYear + 1;
        items.Add(new(DerivedKinds.MentalHealthMonth, "心理健康教育月 Mental Health Education Month",
            new DateOnly(spring, 5, 1), new DateOnly(spring, 5, 31), Term: year.TermOf(new DateOnly(spring, 5, 1))?.Number));
        AddFixedDay(items, year, days, DerivedKinds.WorldMentalHealthDay, "世界精神卫生日 World Mental Health Day", new DateOnly(year.StartYear, 10, 10), false);
        AddFixedDay(items, year, days, DerivedKinds.HappinessDay, "国际幸福日 International Day of Happiness", new DateOnly(spring, 3, 20), false);
        AddFixedDay(items, year, days, DerivedKinds.StudentMentalHealthDay, "5·25 心理健康日 Student Mental Health Day", new DateOnly(spring, 5, 25), true);

        var screeningFrom = new DateOnly(year.StartYear, rules.ScreeningWindowStartMonth, rules.ScreeningWindowStartDay);
        var screeningTo = new DateOnly(year.StartYear, rules.ScreeningWindowEndMonth, rules.ScreeningWindowEndDay);
        items.Add(new(DerivedKinds.ScreeningWindow, "心理筛查 Screening window", screeningFrom, screeningTo, Term: year.TermOf(screeningFrom)?.Number));

        foreach (var exam in year.Exams)
        {
            items.Add(new(DerivedKinds.ExamCare, $"考前心理关怀 Exam-season care: {exam.Name}",
                exam.Date.AddDays(-rules.ExamCareDays), exam.Date.AddDays(-1), Term: year.TermOf(exam.Date)?.Number));
        }

        if (FirstTeachingDay(year.Autumn, days) is { } autumnStart)
        {
            var end = Min(autumnStart.AddDays(7 * rules.TransitionCareWeeks - 1), year.Autumn.EndsOn);
            foreach (var grade in rules.EffectiveTransitionGrades.Distinct().Order())
            {
                items.Add(new(DerivedKinds.TransitionCare, $"升学适应关怀 Transition care, grade {grade}", autumnStart, end, Term: 1, Grade: grade));
            }
        }

        foreach (var term in year.Terms)
        {
            var teachingDays = Days(term.StartsOn, term.EndsOn).Where(days.IsWorkingDay).ToList();
            foreach (var month in teachingDays.GroupBy(d => (d.Year, d.Month)))
            {
                if (month.Count() < rules.LectureMonthMinTeachingDays) continue;
                items.Add(new(DerivedKinds.MonthlyLecture, $"月度讲座 Monthly lecture {month.Key.Year}-{month.Key.Month:00}",
                    month.First(), month.Last(), Term: term.Number, Required: true));
            }
        }

        return items.OrderBy(i => i.From).ThenBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Grade).ToList();
    }

    private static void AddFixedDay(List<DerivedItem> items, SchoolYearLayout year, WorkingDays days, string kind, string title, DateOnly day, bool required) =>
        items.Add(new(kind, title, day, day, ActivityDay(day, year, days), year.TermOf(day)?.Number, Required: required));

    /// <summary>
    /// The day schools hold a fixed day's activities. The observance keeps its date; its activities are on that day
    /// when it is a teaching day, otherwise on the nearest preceding teaching day (a make-up working day 调休 counts,
    /// a holiday does not); when no teaching day precedes it in its term (or it falls outside the terms), on the nearest
    /// following teaching day. Null when no term has a teaching day at all.
    /// </summary>
    public static DateOnly? ActivityDay(DateOnly day, SchoolYearLayout year, WorkingDays days)
    {
        bool Teaching(DateOnly d) => year.TermOf(d) is not null && days.IsWorkingDay(d);
        if (Teaching(day)) return day;
        if (year.TermOf(day) is { } term)
        {
            for (var d = day.AddDays(-1); d >= term.StartsOn; d = d.AddDays(-1))
            {
                if (Teaching(d)) return d;
            }
        }
        var yearEnd = year.Spring.EndsOn;
        for (var d = day.AddDays(1); d <= yearEnd; d = d.AddDays(1))
        {
            if (Teaching(d)) return d;
        }
        return null;
    }

    /// <summary>The term's first teaching day, or null when the term has none.</summary>
    public static DateOnly? FirstTeachingDay(TermDates term, WorkingDays days) =>
        Days(term.StartsOn, term.EndsOn).Cast<DateOnly?>().FirstOrDefault(d => days.IsWorkingDay(d!.Value));

    /// <summary>
    /// The term's first teaching week: the Monday–Sunday week holding its first teaching day, from that day to the
    /// week's last teaching day.
    /// </summary>
    public static (DateOnly From, DateOnly To)? FirstTeachingWeek(TermDates term, WorkingDays days)
    {
        if (FirstTeachingDay(term, days) is not { } first) return null;
        var weekEnd = Min(MondayOf(first).AddDays(6), term.EndsOn);
        return (first, Days(first, weekEnd).Last(days.IsWorkingDay));
    }

    /// <summary>The term's last teaching week: the Monday–Sunday week holding its last teaching day, from the week's first teaching day.</summary>
    public static (DateOnly From, DateOnly To)? LastTeachingWeek(TermDates term, WorkingDays days)
    {
        var last = Days(term.StartsOn, term.EndsOn).Reverse().Cast<DateOnly?>().FirstOrDefault(d => days.IsWorkingDay(d!.Value));
        if (last is not { } l) return null;
        var weekStart = Max(MondayOf(l), term.StartsOn);
        return (Days(weekStart, l).First(days.IsWorkingDay), l);
    }

    /// <summary>The Monday–Sunday week holding <paramref name="day"/>, starting on its Monday.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// Which held events count for a required item: a school's event held on a day of the item's period; for the 5·25
    /// day the Monday–Sunday week of its activity day; lectures and parent meetings only by their kind.
    /// </summary>
    public static bool Satisfies(DerivedItem item, string eventKind, DateOnly heldOn)
    {
        var (from, to) = item.Kind == DerivedKinds.StudentMentalHealthDay && item.ActivityOn is { } activity
            ? (MondayOf(activity), MondayOf(activity).AddDays(6))
            : (item.From, item.To);
        if (heldOn < from || heldOn > to) return false;
        return item.Kind switch
        {
            DerivedKinds.MonthlyLecture => eventKind == EventKinds.Lecture,
            DerivedKinds.ParentMeetingFirstWeek or DerivedKinds.ParentMeetingLastWeek => eventKind is EventKinds.ParentMeeting or EventKinds.ParentSchool,
            _ => true,
        };
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>The kinds of event a bureau or school plans.</summary>
public static class EventKinds
{
    public const string Lecture = "lecture";
    public const string ParentMeeting = "parent-meeting";
    public const string ParentSchool = "parent-school";
    public static readonly string[] Names = [Lecture, "group-session", "psych-lesson", ParentMeeting, ParentSchool, "campaign-day", "drill", "other"];
}
