namespace XinYu.Screening.Domain;

/// <summary>One question of an instrument, in Chinese and English. <see cref="Reverse"/>: scored max + min − answer.</summary>
public sealed record InstrumentItem(string Code, string TextZh, string TextEn, bool Reverse = false, string? Subscale = null);

/// <summary>A label for one answer value ("0 = 完全不会 / Not at all").</summary>
public sealed record ScaleLabel(int Value, string LabelZh, string LabelEn);

/// <summary>The answer scale shared by every item: whole numbers from <see cref="Min"/> to <see cref="Max"/>.</summary>
public sealed record AnswerScale(int Min, int Max, IReadOnlyList<ScaleLabel> Labels);

/// <summary>
/// A severity band of the total score, inclusive at both ends (PHQ-9 "mild" = 5..9), and the risk level a result in it
/// places the student on (a level name of the bureau's settings).
/// </summary>
public sealed record SeverityBand(string Code, int Min, int Max, string Level);

/// <summary>An item whose answer above <see cref="Threshold"/> raises a crisis warning at once, whatever the total (PHQ-9 item 9 &gt; 0).</summary>
public sealed record CriticalItem(string ItemCode, int Threshold);

/// <summary>
/// A screening instrument as data: items, scale, scoring (a sum, reverse-scored items, subscales), bands, critical items.
/// Immutable once stored: a change is a new <see cref="Version"/>, and every result names the version it was scored with.
/// </summary>
public sealed record InstrumentDefinition(
    string Code,
    int Version,
    string NameZh,
    string NameEn,
    AnswerScale Scale,
    IReadOnlyList<InstrumentItem> Items,
    IReadOnlyList<SeverityBand> Bands,
    IReadOnlyList<CriticalItem> CriticalItems)
{
    public int MinTotal => Items.Count * Scale.Min;
    public int MaxTotal => Items.Count * Scale.Max;
    public string Key => InstrumentKey(Code, Version);
    public static string InstrumentKey(string code, int version) => $"{code}@{version}";
}

/// <summary>The score of one set of answers.</summary>
public sealed record ScoreResult(
    int Total,
    SeverityBand Band,
    IReadOnlyDictionary<string, int> Subscales,
    IReadOnlyList<string> CriticalItemsAnswered)
{
    public bool CriticalItemAnswered => CriticalItemsAnswered.Count > 0;
}
