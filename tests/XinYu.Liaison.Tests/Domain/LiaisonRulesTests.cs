using XinYu.Liaison.Domain;

namespace XinYu.Liaison.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class LiaisonRulesTests
{
    private static readonly TermDates[] Terms =
    [
        new(2025, 1, new(2025, 9, 1), new(2026, 1, 20)),
        new(2025, 2, new(2026, 2, 20), new(2026, 7, 10)),
        new(2026, 1, new(2026, 9, 1), new(2027, 1, 22)),
    ];

    [Theory]
    [InlineData("2025-09-01", 2025)] // first day of the year's first term
    [InlineData("2026-03-15", 2025)] // spring term
    [InlineData("2026-08-20", 2025)] // summer holiday: still the year that ends with it
    [InlineData("2026-09-01", 2026)]
    [InlineData("2027-01-30", 2026)] // winter holiday
    public void A_date_belongs_to_the_latest_school_year_begun_by_then(string date, int year) =>
        Assert.Equal(year, LiaisonRules.SchoolYearOf(DateOnly.Parse(date), Terms));

    [Theory]
    [InlineData("2026-07-31", 2025)]
    [InlineData("2026-08-01", 2026)]
    public void Without_a_calendar_school_years_start_on_1_August(string date, int year) =>
        Assert.Equal(year, LiaisonRules.SchoolYearOf(DateOnly.Parse(date), []));

    [Fact]
    public void Coverage_counts_students_on_the_roll_with_enough_visits_per_class_school_and_bureau()
    {
        Guid G(int n) => new($"00000000-0000-0000-0000-{n:D12}");
        Guid schoolA = G(100), schoolB = G(200), a1 = G(101), a2 = G(102), b1 = G(201);
        var roster = new List<RosterEntry>();
        roster.AddRange(Enumerable.Range(1, 4).Select(i => new RosterEntry(G(i), schoolA, a1)));  // s1..s4 in A1
        roster.AddRange(Enumerable.Range(5, 2).Select(i => new RosterEntry(G(i), schoolA, a2)));  // s5, s6 in A2
        roster.AddRange(Enumerable.Range(8, 5).Select(i => new RosterEntry(G(i), schoolB, b1)));  // s8..s12 in B1
        // Visits this school year: s1 once, s2 twice, s5 once, s8, s9, s10 once; s99 (not on any roll) once.
        var visits = new Dictionary<Guid, int> { [G(1)] = 1, [G(2)] = 2, [G(5)] = 1, [G(8)] = 1, [G(9)] = 1, [G(10)] = 1, [G(99)] = 1 };

        var once = LiaisonRules.Coverage(roster, visits, visitsRequired: 1);
        // A1: 2 of 4 = 0.5; A2: 1 of 2 = 0.5; school A: 3 of 6 = 0.5; B1 = school B: 3 of 5 = 0.6;
        // bureau: 6 of 11 = 0.54545... → 0.5455. s99 is on no roll, so counts nowhere.
        Assert.Equal(new CoverageFigure(4, 2), once.ByClass[a1]);
        Assert.Equal(new CoverageFigure(2, 1), once.ByClass[a2]);
        Assert.Equal(new CoverageFigure(6, 3), once.BySchool[schoolA]);
        Assert.Equal(new CoverageFigure(5, 3), once.BySchool[schoolB]);
        Assert.Equal(new CoverageFigure(11, 6), once.Total);
        Assert.Equal(0.5455m, once.Total.Rate);
        Assert.Equal([G(3), G(4)], once.NotVisitedByClass[a1]);
        Assert.Equal([G(11), G(12)], once.NotVisitedByClass[b1]);

        var twice = LiaisonRules.Coverage(roster, visits, visitsRequired: 2);
        // Only s2 has two visits: A1 1 of 4; bureau 1 of 11 = 0.0909.
        Assert.Equal(new CoverageFigure(4, 1), twice.ByClass[a1]);
        Assert.Equal(new CoverageFigure(11, 1), twice.Total);
        Assert.Equal(0.0909m, twice.Total.Rate);
    }

    [Fact]
    public void An_empty_unit_has_a_rate_of_zero() => Assert.Equal(0m, new CoverageFigure(0, 0).Rate);

    [Theory]
    [InlineData("attention", 1, "high", 2, true)]
    [InlineData("none", 0, "crisis", 3, true)]
    [InlineData("high", 2, "crisis", 3, false)]   // already high: not a new rise
    [InlineData("crisis", 3, "high", 2, false)]   // a fall
    [InlineData("none", 0, "attention", 1, false)]
    [InlineData("attention", 1, "HIGH", 2, true)] // names compare without case
    public void A_special_visit_is_due_on_a_rise_into_a_high_level(string from, int fromRank, string to, int toRank, bool due) =>
        Assert.Equal(due, LiaisonRules.IsRiseToHigh(from, fromRank, to, toRank, ["high", "crisis"]));

    [Fact]
    public void The_high_levels_are_a_setting() =>
        Assert.True(LiaisonRules.IsRiseToHigh("attention", 1, "severe", 2, ["severe"]));

    [Fact]
    public void A_task_is_overdue_once_after_its_deadline_while_open()
    {
        var due = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.False(LiaisonRules.IsOverdue(due, false, null, due));
        Assert.True(LiaisonRules.IsOverdue(due, false, null, due.AddSeconds(1)));
        Assert.False(LiaisonRules.IsOverdue(due, true, null, due.AddDays(1)));
        Assert.False(LiaisonRules.IsOverdue(due, false, due.AddMinutes(1), due.AddDays(1)));
    }

    [Fact]
    public void Parent_meetings_fall_in_the_first_and_last_week_of_each_term()
    {
        var weeks = LiaisonRules.ParentMeetingWeeks(Terms.Where(t => t.SchoolYear == 2025));
        Assert.Equal(
        [
            new MeetingWeek(2025, 1, "first", new(2025, 9, 1), new(2025, 9, 7)),
            new MeetingWeek(2025, 1, "last", new(2026, 1, 14), new(2026, 1, 20)),
            new MeetingWeek(2025, 2, "first", new(2026, 2, 20), new(2026, 2, 26)),
            new MeetingWeek(2025, 2, "last", new(2026, 7, 4), new(2026, 7, 10)),
        ], weeks);
    }

    [Fact]
    public void The_parent_programme_counts_meeting_weeks_held_and_mental_health_activities()
    {
        ParentActivityFact[] held =
        [
            new("parent-meeting", new(2025, 9, 3), false),   // term 1, first week
            new("parent-meeting", new(2025, 10, 9), true),   // no meeting week, but a mental-health activity
            new("parent-school", new(2026, 2, 21), false),   // a course in term 2's first week is not a parent meeting
            new("parent-meeting", new(2026, 7, 10), false),  // term 2, last week (its last day)
        ];
        var figure = ParentProgramme.Figure(2025, Terms, held, mentalHealthRequired: 1);
        Assert.Equal(new ParentProgrammeFigure(4, 2, 1, 1), figure);
        Assert.True(figure.MentalHealthMet);
        Assert.False(figure.MeetingsMet);
        Assert.False(ParentProgramme.Figure(2025, Terms, held, mentalHealthRequired: 2).MentalHealthMet);
    }
}
