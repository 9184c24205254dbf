namespace XinYu.Screening.Domain;

/// <summary>Scores answers against an instrument exactly as its definition says. Pure: no clock, no database.</summary>
public static class Scoring
{
    /// <summary>
    /// Checks the answers (one per item, in item order, each on the scale) and scores them: the sum (reverse-scored
    /// items as max + min − answer), subscale sums, the band of the total, and the critical items answered above their
    /// threshold (judged on the raw answer).
    /// </summary>
    public static ScoreResult Score(InstrumentDefinition instrument, IReadOnlyList<int>? answers)
    {
        if (answers is null || answers.Count != instrument.Items.Count)
            throw new ScreeningRuleException("answers",
                $"{instrument.Code} version {instrument.Version} has {instrument.Items.Count} items; give one answer per item, in order.");
        var total = 0;
        var subscales = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            if (answer < instrument.Scale.Min || answer > instrument.Scale.Max)
                throw new ScreeningRuleException($"answers[{i}]", $"Answer {instrument.Scale.Min} to {instrument.Scale.Max}.");
            var item = instrument.Items[i];
            var scored = item.Reverse ? instrument.Scale.Max + instrument.Scale.Min - answer : answer;
            total += scored;
            if (item.Subscale is { } subscale) subscales[subscale] = subscales.GetValueOrDefault(subscale) + scored;
        }
        var band = BandOf(instrument, total);
        var critical = new List<string>();
        foreach (var c in instrument.CriticalItems)
        {
            var index = IndexOf(instrument, c.ItemCode);
            if (answers[index] > c.Threshold) critical.Add(c.ItemCode);
        }
        return new ScoreResult(total, band, subscales, critical);
    }

    public static SeverityBand BandOf(InstrumentDefinition instrument, int total) =>
        instrument.Bands.FirstOrDefault(b => total >= b.Min && total <= b.Max)
        ?? throw new InvalidOperationException($"{instrument.Key}: no band covers {total}; the definition was not validated.");

    private static int IndexOf(InstrumentDefinition instrument, string itemCode)
    {
        for (var i = 0; i < instrument.Items.Count; i++)
            if (instrument.Items[i].Code == itemCode) return i;
        throw new InvalidOperationException($"{instrument.Key}: critical item {itemCode} is not an item.");
    }
}
