using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class InstrumentRulesTests
{
    private static readonly string[] Levels = ["none", "attention", "high", "crisis"];

    private static InstrumentDefinition Valid() => new("mood-3", 1, "情绪", "Mood", new AnswerScale(0, 2, [new(0, "无", "None")]),
        [new("q1", "问一", "Q1"), new("q2", "问二", "Q2"), new("q3", "问三", "Q3")],
        [new("low", 0, 2, "none"), new("mid", 3, 4, "attention"), new("top", 5, 6, "high")],
        [new("q3", 0)]);

    private static string FieldOf(InstrumentDefinition d) =>
        Assert.Throws<ScreeningRuleException>(() => InstrumentRules.Validate(d, Levels)).Field;

    [Fact]
    public void A_valid_definition_passes() => InstrumentRules.Validate(Valid(), Levels);

    [Fact]
    public void Overlapping_bands_name_the_later_band() =>
        Assert.Equal("bands[1].min", FieldOf(Valid() with { Bands = [new("low", 0, 3, "none"), new("mid", 3, 4, "attention"), new("top", 5, 6, "high")] }));

    [Fact]
    public void A_gap_between_bands_names_the_band_after_it() =>
        Assert.Equal("bands[2].min", FieldOf(Valid() with { Bands = [new("low", 0, 2, "none"), new("mid", 3, 3, "attention"), new("top", 5, 6, "high")] }));

    [Fact]
    public void Bands_must_start_at_the_lowest_total() =>
        Assert.Equal("bands[0].min", FieldOf(Valid() with { Bands = [new("low", 1, 2, "none"), new("mid", 3, 4, "attention"), new("top", 5, 6, "high")] }));

    [Fact]
    public void Bands_must_reach_the_highest_total() =>
        Assert.Equal("bands[2].max", FieldOf(Valid() with { Bands = [new("low", 0, 2, "none"), new("mid", 3, 4, "attention"), new("top", 5, 5, "high")] }));

    [Fact]
    public void A_band_beyond_the_highest_total_is_refused() =>
        Assert.Equal("bands[2].max", FieldOf(Valid() with { Bands = [new("low", 0, 2, "none"), new("mid", 3, 4, "attention"), new("top", 5, 9, "high")] }));

    [Fact]
    public void A_band_level_must_be_a_configured_level() =>
        Assert.Equal("bands[1].level", FieldOf(Valid() with { Bands = [new("low", 0, 2, "none"), new("mid", 3, 4, "worrying"), new("top", 5, 6, "high")] }));

    [Fact]
    public void A_critical_item_that_does_not_exist_is_refused() =>
        Assert.Equal("criticalItems[0].itemCode", FieldOf(Valid() with { CriticalItems = [new("q9", 0)] }));

    [Fact]
    public void A_critical_threshold_at_the_top_of_the_scale_could_never_trigger() =>
        Assert.Equal("criticalItems[0].threshold", FieldOf(Valid() with { CriticalItems = [new("q3", 2)] }));

    [Fact]
    public void Empty_items_are_refused() => Assert.Equal("items", FieldOf(Valid() with { Items = [] }));

    [Fact]
    public void Duplicate_item_codes_are_refused() =>
        Assert.Equal("items[2].code", FieldOf(Valid() with { Items = [new("q1", "问一", "Q1"), new("q2", "问二", "Q2"), new("q1", "问三", "Q3")] }));

    [Fact]
    public void A_scale_must_have_at_least_two_values() =>
        Assert.Equal("scale", FieldOf(Valid() with { Scale = new AnswerScale(1, 1, []) }));

    [Theory]
    [InlineData("PHQ-9")] [InlineData("9phq")] [InlineData("a b")] [InlineData("")]
    public void Codes_are_lowercase_slugs(string code) => Assert.Equal("code", FieldOf(Valid() with { Code = code }));
}
