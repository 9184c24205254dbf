using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Domain;

/// <summary>PHQ-9 and GAD-7 scored exactly as published, at every band boundary; the critical item whatever the total.</summary>
[Trait("Category", "Unit")]
public sealed class ScoringTests
{
    /// <summary>Answers summing to <paramref name="total"/>, filled from the first item, the last item (item 9) left at 0.</summary>
    private static int[] AnswersFor(InstrumentDefinition instrument, int total, bool leaveLastAtZero)
    {
        var answers = new int[instrument.Items.Count];
        var usable = leaveLastAtZero ? answers.Length - 1 : answers.Length;
        for (var i = 0; i < usable && total > 0; i++)
        {
            answers[i] = Math.Min(3, total);
            total -= answers[i];
        }
        Assert.Equal(0, total);
        return answers;
    }

    [Theory]
    [InlineData(0, "minimal")] [InlineData(4, "minimal")]
    [InlineData(5, "mild")] [InlineData(9, "mild")]
    [InlineData(10, "moderate")] [InlineData(14, "moderate")]
    [InlineData(15, "moderately-severe")] [InlineData(19, "moderately-severe")]
    [InlineData(20, "severe")] [InlineData(24, "severe")]
    public void Phq9_bands_at_every_boundary_without_the_critical_item(int total, string band)
    {
        var result = Scoring.Score(BuiltInInstruments.Phq9, AnswersFor(BuiltInInstruments.Phq9, total, leaveLastAtZero: true));
        Assert.Equal((total, band, false), (result.Total, result.Band.Code, result.CriticalItemAnswered));
    }

    [Theory]
    [InlineData(25)] [InlineData(27)]
    public void Phq9_top_totals_are_severe_and_critical(int total)
    {
        var result = Scoring.Score(BuiltInInstruments.Phq9, AnswersFor(BuiltInInstruments.Phq9, total, leaveLastAtZero: false));
        Assert.Equal(("severe", true), (result.Band.Code, result.CriticalItemAnswered));
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)]
    public void Phq9_item_9_above_zero_is_critical_whatever_the_total(int item9)
    {
        var answers = new int[9];
        answers[8] = item9;
        var result = Scoring.Score(BuiltInInstruments.Phq9, answers);
        Assert.Equal((item9, "minimal", true), (result.Total, result.Band.Code, result.CriticalItemAnswered));
        Assert.Equal(["item-9"], result.CriticalItemsAnswered);
    }

    [Fact]
    public void Phq9_item_9_at_zero_is_not_critical_even_when_severe()
    {
        var result = Scoring.Score(BuiltInInstruments.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]);
        Assert.Equal((24, "severe", false), (result.Total, result.Band.Code, result.CriticalItemAnswered));
    }

    [Theory]
    [InlineData(0, "minimal")] [InlineData(4, "minimal")]
    [InlineData(5, "mild")] [InlineData(9, "mild")]
    [InlineData(10, "moderate")] [InlineData(14, "moderate")]
    [InlineData(15, "severe")] [InlineData(21, "severe")]
    public void Gad7_bands_at_every_boundary(int total, string band)
    {
        var result = Scoring.Score(BuiltInInstruments.Gad7, AnswersFor(BuiltInInstruments.Gad7, total, leaveLastAtZero: false));
        Assert.Equal((total, band, false), (result.Total, result.Band.Code, result.CriticalItemAnswered));
    }

    [Fact]
    public void Built_in_definitions_pass_their_own_validation_and_cover_the_published_ranges()
    {
        string[] levels = ["none", "attention", "high", "crisis"];
        InstrumentRules.Validate(BuiltInInstruments.Phq9, levels);
        InstrumentRules.Validate(BuiltInInstruments.Gad7, levels);
        Assert.Equal((0, 27), (BuiltInInstruments.Phq9.MinTotal, BuiltInInstruments.Phq9.MaxTotal));
        Assert.Equal((0, 21), (BuiltInInstruments.Gad7.MinTotal, BuiltInInstruments.Gad7.MaxTotal));
        Assert.All(BuiltInInstruments.All.SelectMany(i => i.Items), item => Assert.False(string.IsNullOrWhiteSpace(item.TextZh)));
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0 }, "answers")]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "answers")]
    [InlineData(new[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 }, "answers[3]")]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, -1 }, "answers[8]")]
    public void Wrong_count_or_out_of_range_answers_name_the_field(int[] answers, string field)
    {
        var e = Assert.Throws<ScreeningRuleException>(() => Scoring.Score(BuiltInInstruments.Phq9, answers));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Reverse_scored_items_and_subscales_follow_the_definition()
    {
        var instrument = new InstrumentDefinition("wellbeing", 1, "幸福感", "Wellbeing", new AnswerScale(1, 5, []),
            [
                new("a", "甲", "A", Reverse: false, Subscale: "mood"),
                new("b", "乙", "B", Reverse: true, Subscale: "mood"),
                new("c", "丙", "C", Reverse: true, Subscale: "sleep"),
            ],
            [new("low", 3, 7, "none"), new("mid", 8, 11, "attention"), new("high", 12, 15, "high")],
            [new("c", 3)]);
        InstrumentRules.Validate(instrument, ["none", "attention", "high", "crisis"]);

        var result = Scoring.Score(instrument, [5, 1, 4]); // 5 + (6-1) + (6-4) = 12
        Assert.Equal((12, "high"), (result.Total, result.Band.Code));
        Assert.Equal(10, result.Subscales["mood"]);
        Assert.Equal(2, result.Subscales["sleep"]);
        Assert.True(result.CriticalItemAnswered); // judged on the raw answer 4 > 3
    }
}
