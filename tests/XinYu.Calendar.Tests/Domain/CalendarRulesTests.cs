using XinYu.Contracts;
using System.Globalization;
using XinYu.Calendar.Domain;

namespace XinYu.Calendar.Tests.Domain;

/// <summary>The derived calendar (pure rules): a whole school year against a fixture worked out by hand, and the edge cases.</summary>
[Trait("Category", "Unit")]
public sealed class CalendarRulesTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Domain", "Fixtures");

    internal static IReadOnlyList<OfficialDay> OfficialDays2024And2025() => File.ReadAllLines(Path.Combine(Fixtures, "holidays-2024-2025.csv"))
        .Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
        .Select(f => new OfficialDay(DateOnly.Parse(f[0], CultureInfo.InvariantCulture), f[1] == "workday" ? DayKind.Workday : DayKind.Holiday, f[2]))
        .ToList();

    internal static SchoolYearLayout Year2024() => new(2024,
        new TermDates(1, D("2024-09-01"), D("2025-01-17")),
        new TermDates(2, D("2025-02-17"), D("2025-07-04")),
        [new ExamDate("高考", D("2025-06-07")), new ExamDate("中考", D("2025-06-17"))]);

    private static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static string Line(DerivedItem i) => string.Join(" | ",
        i.Kind, i.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        i.ActivityOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", i.Term?.ToString(CultureInfo.InvariantCulture) ?? "",
        i.Grade?.ToString(CultureInfo.InvariantCulture) ?? "", i.Required ? "required" : "");

    [Fact]
    public void A_whole_school_year_with_5_25_on_a_Sunday_reproduces_the_hand_worked_fixture()
    {
        var expected = File.ReadAllLines(Path.Combine(Fixtures, "school-year-2024-2025.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => string.Join(" | ", l.Split('|').Select(f => f.Trim())))
            .ToList();

        var derived = CalendarRules.Derive(Year2024(), new WorkingDays(OfficialDays2024And2025()), new CalendarRulesOptions());

        Assert.Equal(expected, derived.Select(Line).ToList());
    }

    [Fact]
    public void When_5_25_is_a_Saturday_its_activities_are_on_the_Friday_before_and_the_observance_keeps_its_date()
    {
        var year = new SchoolYearLayout(2023, new TermDates(1, D("2023-09-01"), D("2024-01-19")), new TermDates(2, D("2024-02-26"), D("2024-07-05")), []);

        var day = CalendarRules.Derive(year, new WorkingDays(OfficialDays2024And2025()), new CalendarRulesOptions())
            .Single(i => i.Kind == DerivedKinds.StudentMentalHealthDay);

        Assert.Equal((D("2024-05-25"), D("2024-05-25"), D("2024-05-24")), (day.From, day.To, day.ActivityOn));
        Assert.Equal(DayOfWeek.Saturday, day.From.DayOfWeek);
    }

    [Fact]
    public void A_make_up_working_day_before_a_weekend_fixed_day_is_where_its_activities_go()
    {
        var year = Year2024();
        var withMakeUpSaturday = new WorkingDays([.. OfficialDays2024And2025(), new OfficialDay(D("2025-05-24"), DayKind.Workday)]);

        Assert.Equal(D("2025-05-23"), CalendarRules.ActivityDay(D("2025-05-25"), year, new WorkingDays(OfficialDays2024And2025())));
        Assert.Equal(D("2025-05-24"), CalendarRules.ActivityDay(D("2025-05-25"), year, withMakeUpSaturday));
    }

    [Fact]
    public void A_fixed_day_inside_a_holiday_stretch_moves_to_the_last_teaching_day_before_the_stretch()
    {
        // 10·10 2026 is a Saturday; suppose Oct 1–9 were all holidays: the nearest preceding teaching day is Wed Sep 30.
        var year = new SchoolYearLayout(2026, new TermDates(1, D("2026-09-01"), D("2027-01-22")), new TermDates(2, D("2027-02-22"), D("2027-07-02")), []);
        var holidays = Enumerable.Range(1, 9).Select(d => new OfficialDay(new DateOnly(2026, 10, d), DayKind.Holiday));

        Assert.Equal(D("2026-09-30"), CalendarRules.ActivityDay(D("2026-10-10"), year, new WorkingDays(holidays)));
        Assert.Equal(D("2026-10-09"), CalendarRules.ActivityDay(D("2026-10-10"), year, WorkingDays.WeekdaysOnly));
    }

    [Fact]
    public void A_fixed_day_before_the_term_starts_moves_to_the_terms_first_teaching_day()
    {
        // 3·20 2027 is a Saturday, in the winter break of a spring term that starts Monday March 22.
        var year = new SchoolYearLayout(2026, new TermDates(1, D("2026-09-01"), D("2027-01-22")), new TermDates(2, D("2027-03-22"), D("2027-07-02")), []);

        Assert.Equal(D("2027-03-22"), CalendarRules.ActivityDay(D("2027-03-20"), year, WorkingDays.WeekdaysOnly));
    }

    [Fact]
    public void A_term_starting_on_a_Thursday_has_a_short_first_week_that_counts_a_make_up_Saturday()
    {
        var term = new TermDates(1, D("2026-09-03"), D("2027-01-22"));
        var makeUpSaturday = new WorkingDays([new OfficialDay(D("2026-09-05"), DayKind.Workday)]);

        Assert.Equal((D("2026-09-03"), D("2026-09-04")), CalendarRules.FirstTeachingWeek(term, WorkingDays.WeekdaysOnly));
        Assert.Equal((D("2026-09-03"), D("2026-09-05")), CalendarRules.FirstTeachingWeek(term, makeUpSaturday));
        Assert.Equal((D("2027-01-18"), D("2027-01-22")), CalendarRules.LastTeachingWeek(term, WorkingDays.WeekdaysOnly));
    }

    [Fact]
    public void Settings_change_the_exam_care_window_the_transition_grades_and_the_screening_window()
    {
        var rules = new CalendarRulesOptions
        {
            ExamCareDays = 7, TransitionGrades = [1, 7], TransitionCareWeeks = 2, ScreeningWindowStartDay = 8, ScreeningWindowEndMonth = 11, ScreeningWindowEndDay = 15,
        };

        var derived = CalendarRules.Derive(Year2024(), new WorkingDays(OfficialDays2024And2025()), rules);

        Assert.Equal([(D("2025-05-31"), D("2025-06-06")), (D("2025-06-10"), D("2025-06-16"))],
            derived.Where(i => i.Kind == DerivedKinds.ExamCare).Select(i => (i.From, i.To)));
        Assert.Equal([(1, D("2024-09-15")), (7, D("2024-09-15"))],
            derived.Where(i => i.Kind == DerivedKinds.TransitionCare).Select(i => (i.Grade!.Value, i.To)));
        Assert.Equal((D("2024-10-08"), D("2024-11-15")), derived.Where(i => i.Kind == DerivedKinds.ScreeningWindow).Select(i => (i.From, i.To)).Single());
    }

    [Fact]
    public void Required_items_are_satisfied_only_by_a_fitting_event_held_in_their_period()
    {
        var derived = CalendarRules.Derive(Year2024(), new WorkingDays(OfficialDays2024And2025()), new CalendarRulesOptions());
        var march = derived.Single(i => i.Kind == DerivedKinds.MonthlyLecture && i.From.Month == 3);
        var firstMeeting = derived.First(i => i.Kind == DerivedKinds.ParentMeetingFirstWeek);
        var day525 = derived.Single(i => i.Kind == DerivedKinds.StudentMentalHealthDay);

        Assert.True(CalendarRules.Satisfies(march, "lecture", D("2025-03-14")));
        Assert.False(CalendarRules.Satisfies(march, "group-session", D("2025-03-14")));
        Assert.False(CalendarRules.Satisfies(march, "lecture", D("2025-04-01")));
        Assert.True(CalendarRules.Satisfies(firstMeeting, "parent-school", D("2024-09-05")));
        Assert.False(CalendarRules.Satisfies(firstMeeting, "parent-meeting", D("2024-09-09")));
        // 5·25 2025 (Sunday): activities on Friday the 23rd; anything held that week (May 19–25) counts.
        Assert.True(CalendarRules.Satisfies(day525, "campaign-day", D("2025-05-19")));
        Assert.True(CalendarRules.Satisfies(day525, "campaign-day", D("2025-05-25")));
        Assert.False(CalendarRules.Satisfies(day525, "campaign-day", D("2025-05-26")));
    }
}
