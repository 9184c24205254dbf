using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class RiskAndEscalationTests
{
    private static readonly RiskLevels Levels = new(["none", "attention", "high", "crisis"], "high");

    [Fact]
    public void A_critical_item_places_on_crisis_and_warns_even_from_nothing()
    {
        var d = RiskRules.Decide(Levels, "none", "none", criticalItem: true, ["critical-item:phq-9"]);
        Assert.Equal(("crisis", true, true, true), (d.To, d.Changed, d.RaiseWarning, d.Crisis));
    }

    [Fact]
    public void A_critical_item_warns_again_when_already_on_crisis()
    {
        var d = RiskRules.Decide(Levels, "crisis", "none", criticalItem: true, []);
        Assert.Equal(("crisis", false, true), (d.To, d.Changed, d.RaiseWarning));
    }

    [Fact]
    public void A_rise_below_the_warning_level_changes_the_level_without_a_warning()
    {
        var d = RiskRules.Decide(Levels, "none", "attention", false, []);
        Assert.Equal(("attention", true, false), (d.To, d.Changed, d.RaiseWarning));
    }

    [Fact]
    public void A_rise_to_high_warns()
    {
        var d = RiskRules.Decide(Levels, "attention", "high", false, []);
        Assert.Equal(("high", true, true, false), (d.To, d.Changed, d.RaiseWarning, d.Crisis));
    }

    [Fact]
    public void A_lower_result_does_not_lower_the_level()
    {
        var d = RiskRules.Decide(Levels, "high", "none", false, []);
        Assert.Equal(("high", false, false), (d.To, d.Changed, d.RaiseWarning));
    }

    private static readonly DateTimeOffset T0 = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);
    private static TimeSpan Deadline(string level) => level == "crisis" ? TimeSpan.FromHours(1) : TimeSpan.FromHours(24);

    [Fact]
    public void A_crisis_warning_moves_class_to_school_at_one_hour_not_before()
    {
        var w = new OpenWarning(Guid.NewGuid(), "crisis", WarningTiers.Class, T0);
        Assert.Empty(EscalationRules.Due([w], T0.AddMinutes(59), Deadline));
        var step = Assert.Single(EscalationRules.Due([w], T0.AddHours(1), Deadline));
        Assert.Equal((WarningTiers.Class, WarningTiers.School), (step.FromTier, step.ToTier));
    }

    [Fact]
    public void School_goes_to_bureau_and_bureau_is_the_top()
    {
        var school = new OpenWarning(Guid.NewGuid(), "crisis", WarningTiers.School, T0);
        var bureau = new OpenWarning(Guid.NewGuid(), "crisis", WarningTiers.Bureau, T0);
        var step = Assert.Single(EscalationRules.Due([school, bureau], T0.AddHours(5), Deadline));
        Assert.Equal((school.Id, WarningTiers.Bureau), (step.WarningId, step.ToTier));
    }

    [Fact]
    public void Other_levels_wait_their_own_deadline()
    {
        var w = new OpenWarning(Guid.NewGuid(), "high", WarningTiers.Class, T0);
        Assert.Empty(EscalationRules.Due([w], T0.AddHours(23), Deadline));
        Assert.Single(EscalationRules.Due([w], T0.AddHours(24), Deadline));
    }

    [Fact]
    public void The_escalation_deadline_is_the_tiers_start_plus_the_levels_deadline_and_none_at_the_top_or_once_acknowledged()
    {
        var settings = new EscalationOptions();
        var levels = new ScreeningOptions().Levels();
        Assert.Equal(T0.AddHours(1), EscalationRules.EscalatesAt(WarningTiers.Class, T0, true, settings.DeadlineFor("crisis", levels)));
        Assert.Equal(T0.AddHours(24), EscalationRules.EscalatesAt(WarningTiers.School, T0, true, settings.DeadlineFor("high", levels)));
        Assert.Null(EscalationRules.EscalatesAt(WarningTiers.Bureau, T0, true, settings.DeadlineFor("crisis", levels)));
        Assert.Null(EscalationRules.EscalatesAt(WarningTiers.Class, T0, false, settings.DeadlineFor("crisis", levels)));
    }
}
