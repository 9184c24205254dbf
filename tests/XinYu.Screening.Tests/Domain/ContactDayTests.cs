using XinYu.Contracts;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Domain;

/// <summary>When a student who answered a critical item will hear from the counsellor: today, or the next school day.</summary>
[Trait("Category", "Unit")]
public sealed class ContactDayTests
{
    // Thursday 15 October 2026, in the autumn term.
    private static readonly DateOnly Thursday = new(2026, 10, 15);
    private static readonly (DateOnly, DateOnly)[] AutumnTerm = [(new(2026, 9, 1), new(2027, 1, 15))];

    [Fact]
    public void Today_when_a_counsellor_is_still_on_duty_on_a_school_day()
    {
        Assert.Equal(Thursday, ContactDay.For(Thursday, new(10, 0), [(Thursday, new(14, 40))], AutumnTerm, WorkingDays.WeekdaysOnly));
    }

    [Fact]
    public void The_next_school_day_when_todays_duty_is_over_skipping_the_weekend_and_an_official_holiday()
    {
        var holidays = new WorkingDays([new OfficialDay(new(2026, 10, 16), DayKind.Holiday)]); // Friday off
        Assert.Equal(new DateOnly(2026, 10, 19), ContactDay.For(Thursday, new(18, 0), [(Thursday, new(17, 0))], AutumnTerm, holidays));
    }

    [Fact]
    public void A_make_up_working_day_on_a_saturday_is_a_school_day()
    {
        var saturday = new DateOnly(2026, 10, 17);
        var days = new WorkingDays([new OfficialDay(new(2026, 10, 16), DayKind.Holiday), new OfficialDay(saturday, DayKind.Workday)]);
        Assert.Equal(saturday, ContactDay.For(Thursday, new(18, 0), [], AutumnTerm, days));
    }

    [Fact]
    public void A_duty_slot_on_a_day_off_does_not_make_it_today_when_the_term_says_otherwise()
    {
        var sunday = new DateOnly(2026, 10, 18);
        Assert.Equal(new DateOnly(2026, 10, 19), ContactDay.For(sunday, new(9, 0), [(sunday, new(12, 0))], AutumnTerm, WorkingDays.WeekdaysOnly));
    }

    [Fact]
    public void In_the_holidays_the_first_day_of_the_next_term()
    {
        var summer = new DateOnly(2026, 7, 20);
        (DateOnly, DateOnly)[] terms = [(new(2026, 2, 16), new(2026, 7, 3)), (new(2026, 9, 1), new(2027, 1, 15))];
        Assert.Equal(new DateOnly(2026, 9, 1), ContactDay.For(summer.AddDays(20), new(9, 0), [], terms, WorkingDays.WeekdaysOnly));
        // Beyond the horizon nothing is promised.
        Assert.Null(ContactDay.For(new DateOnly(2026, 6, 20), new(9, 0), [], terms[1..], WorkingDays.WeekdaysOnly));
    }

    [Fact]
    public void Without_the_calendar_the_counsellors_duty_days_decide_and_without_those_nothing_is_promised()
    {
        Assert.Equal(Thursday, ContactDay.For(Thursday, new(10, 0), [(Thursday, new(11, 0))], [], WorkingDays.WeekdaysOnly));
        Assert.Equal(new DateOnly(2026, 10, 20), ContactDay.For(Thursday, new(12, 0), [(Thursday, new(11, 0)), (new(2026, 10, 20), new(9, 40))], [], WorkingDays.WeekdaysOnly));
        Assert.Null(ContactDay.For(Thursday, new(10, 0), [], [], WorkingDays.WeekdaysOnly));
    }
}
