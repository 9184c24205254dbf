using Microsoft.Extensions.Configuration;
using XinYu.Calendar.Domain;

namespace XinYu.Calendar.Tests.Domain;

/// <summary>The policy numbers bind from configuration, replacing (not adding to) the defaults in code.</summary>
[Trait("Category", "Unit")]
public sealed class SettingsBindingTests
{
    private static CalendarRulesOptions Bind(Dictionary<string, string?> values)
    {
        var options = new CalendarRulesOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(CalendarRulesOptions.Section).Bind(options);
        return options;
    }

    [Fact]
    public void Configured_transition_grades_replace_the_default_ones()
    {
        Assert.Equal([7, 10], Bind([]).EffectiveTransitionGrades);
        Assert.Equal([9], Bind(new() { ["CalendarRules:TransitionGrades:0"] = "9" }).EffectiveTransitionGrades);
        Assert.Equal(21, Bind(new() { ["CalendarRules:ExamCareDays"] = "21" }).ExamCareDays);
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        Assert.True(new CalendarRulesOptions().IsValid());
        Assert.False(new CalendarRulesOptions { ScreeningWindowEndMonth = 2, ScreeningWindowEndDay = 30 }.IsValid());
        Assert.False(new CalendarRulesOptions { ScreeningWindowStartMonth = 11 }.IsValid());
        Assert.False(new CalendarRulesOptions { ExamCareDays = 0 }.IsValid());
        Assert.False(new CalendarRulesOptions { TransitionGrades = [13] }.IsValid());
    }
}
