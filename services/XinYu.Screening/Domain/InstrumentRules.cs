using XinYu.ServiceDefaults.Http;
namespace XinYu.Screening.Domain;

/// <summary>
/// What makes an instrument definition usable: every rule names the field at fault, so a bureau adding its own scale
/// learns what to fix. Field names follow the JSON body (<c>bands[2].min</c>).
/// </summary>
public static class InstrumentRules
{
    public const int MaxItems = 200;
    public const int MaxBands = 20;
    public const int MaxTextLength = 500;
    public const int MaxCodeLength = 32;
    public const int MaxScaleValue = 100;
    public const int MaxVersion = 1000;

    /// <summary>Codes are lowercase letters, digits and dashes, starting with a letter ("phq-9", "item-3").</summary>
    public static bool IsCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= MaxCodeLength && char.IsAsciiLetterLower(code[0])
        && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static void Validate(InstrumentDefinition d, IReadOnlyList<string> levels)
    {
        if (!IsCode(d.Code)) throw new ScreeningRuleException("code", "Give a code of lowercase letters, digits and dashes, starting with a letter (at most 32).");
        if (d.Version < 1 || d.Version > MaxVersion) throw new ScreeningRuleException("version", $"Give a version from 1 to {MaxVersion}.");
        Line("nameZh", d.NameZh);
        Line("nameEn", d.NameEn);
        if (d.Scale is null) throw new ScreeningRuleException("scale", "Give the answer scale.");
        if (d.Scale.Min < 0 || d.Scale.Max > MaxScaleValue || d.Scale.Min >= d.Scale.Max)
            throw new ScreeningRuleException("scale", $"Give a scale with 0 ≤ min < max ≤ {MaxScaleValue}.");
        var labels = d.Scale.Labels ?? [];
        if (labels.Count > d.Scale.Max - d.Scale.Min + 1) throw new ScreeningRuleException("scale.labels", "At most one label per answer value.");
        var seenValues = new HashSet<int>();
        for (var i = 0; i < labels.Count; i++)
        {
            var l = labels[i] ?? throw new ScreeningRuleException($"scale.labels[{i}]", "Give the label.");
            if (l.Value < d.Scale.Min || l.Value > d.Scale.Max || !seenValues.Add(l.Value))
                throw new ScreeningRuleException($"scale.labels[{i}].value", "Label each value of the scale once.");
            Line($"scale.labels[{i}].labelZh", l.LabelZh);
            Line($"scale.labels[{i}].labelEn", l.LabelEn);
        }

        if (d.Items is null || d.Items.Count == 0) throw new ScreeningRuleException("items", "Give at least one item.");
        if (d.Items.Count > MaxItems) throw new ScreeningRuleException("items", $"At most {MaxItems} items.");
        var itemCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i] ?? throw new ScreeningRuleException($"items[{i}]", "Give the item.");
            if (!IsCode(item.Code) || !itemCodes.Add(item.Code))
                throw new ScreeningRuleException($"items[{i}].code", "Give each item a distinct code (lowercase letters, digits, dashes).");
            Text($"items[{i}].textZh", item.TextZh);
            Text($"items[{i}].textEn", item.TextEn);
            if (item.Subscale is not null && !IsCode(item.Subscale))
                throw new ScreeningRuleException($"items[{i}].subscale", "A subscale is a code (lowercase letters, digits, dashes).");
        }

        // Bands: sorted by min, contiguous, non-overlapping, from the lowest total to the highest.
        if (d.Bands is null || d.Bands.Count == 0) throw new ScreeningRuleException("bands", "Give the severity bands.");
        if (d.Bands.Count > MaxBands) throw new ScreeningRuleException("bands", $"At most {MaxBands} bands.");
        var bandCodes = new HashSet<string>(StringComparer.Ordinal);
        var expectedMin = d.MinTotal;
        for (var i = 0; i < d.Bands.Count; i++)
        {
            var band = d.Bands[i] ?? throw new ScreeningRuleException($"bands[{i}]", "Give the band.");
            if (!IsCode(band.Code) || !bandCodes.Add(band.Code))
                throw new ScreeningRuleException($"bands[{i}].code", "Give each band a distinct code (lowercase letters, digits, dashes).");
            if (band.Min < expectedMin)
                throw new ScreeningRuleException($"bands[{i}].min", i == 0
                    ? $"The first band starts at the lowest total, {d.MinTotal}."
                    : $"Band {band.Code} overlaps the band before it, which ends at {expectedMin - 1}.");
            if (band.Min > expectedMin)
                throw new ScreeningRuleException($"bands[{i}].min", i == 0
                    ? $"The first band starts at the lowest total, {d.MinTotal}."
                    : $"Totals {expectedMin} to {band.Min - 1} fall in no band; start this band at {expectedMin}.");
            if (band.Max < band.Min) throw new ScreeningRuleException($"bands[{i}].max", "A band's max is at least its min.");
            if (band.Max > d.MaxTotal) throw new ScreeningRuleException($"bands[{i}].max", $"The highest total is {d.MaxTotal}.");
            if (band.Level is null || !levels.Contains(band.Level))
                throw new ScreeningRuleException($"bands[{i}].level", $"One of the risk levels: {string.Join(", ", levels)}.");
            expectedMin = band.Max + 1;
        }
        if (expectedMin != d.MaxTotal + 1)
            throw new ScreeningRuleException($"bands[{d.Bands.Count - 1}].max", $"The last band ends at the highest total, {d.MaxTotal}.");

        var critical = d.CriticalItems ?? [];
        if (critical.Count > d.Items.Count) throw new ScreeningRuleException("criticalItems", "At most one critical entry per item.");
        var criticalCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < critical.Count; i++)
        {
            var c = critical[i] ?? throw new ScreeningRuleException($"criticalItems[{i}]", "Give the critical item.");
            if (c.ItemCode is null || !itemCodes.Contains(c.ItemCode) || !criticalCodes.Add(c.ItemCode))
                throw new ScreeningRuleException($"criticalItems[{i}].itemCode", "Name an item of this instrument, once.");
            if (c.Threshold < d.Scale.Min || c.Threshold >= d.Scale.Max)
                throw new ScreeningRuleException($"criticalItems[{i}].threshold",
                    $"An answer above the threshold is critical: give {d.Scale.Min} to {d.Scale.Max - 1}.");
        }
    }

    // Checked, not rewritten: the definition is data and is stored as the bureau gave it.
    /// <summary>A name or an answer label: one line.</summary>
    private static void Line(string field, string? text) =>
        _ = RequestValidation.SingleLine(text, field, MaxTextLength, $"Give a text of 1 to {MaxTextLength} characters.");

    /// <summary>An item's wording: it may run over lines, as printed forms do.</summary>
    private static void Text(string field, string? text) =>
        _ = RequestValidation.MultiLine(text, field, MaxTextLength, $"Give a text of 1 to {MaxTextLength} characters.");
}
