namespace XinYu.Staffing.Domain;

/// <summary>A school's stage (学段). Wire names are kebab-case: primary, junior, senior, nine-year, twelve-year, vocational.</summary>
public enum SchoolLevel
{
    /// <summary>小学</summary>
    Primary,
    /// <summary>初级中学</summary>
    Junior,
    /// <summary>高级中学</summary>
    Senior,
    /// <summary>九年一贯制学校</summary>
    NineYear,
    /// <summary>十二年一贯制学校</summary>
    TwelveYear,
    /// <summary>中等职业学校</summary>
    Vocational,
}

public static class SchoolLevels
{
    private static readonly Dictionary<string, SchoolLevel> ByName = new(StringComparer.Ordinal)
    {
        ["primary"] = SchoolLevel.Primary,
        ["junior"] = SchoolLevel.Junior,
        ["senior"] = SchoolLevel.Senior,
        ["nine-year"] = SchoolLevel.NineYear,
        ["twelve-year"] = SchoolLevel.TwelveYear,
        ["vocational"] = SchoolLevel.Vocational,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out SchoolLevel level) => ByName.TryGetValue(name ?? "", out level);

    public static string ToName(this SchoolLevel level) => ByName.First(pair => pair.Value == level).Key;

    /// <summary>
    /// The grades (年级 1–12, counted from the first year of primary) a school of this level teaches, in the national
    /// 6-3-3 system: primary 1–6, junior 7–9, senior 10–12; nine-year 1–9, twelve-year 1–12. Secondary vocational
    /// schools (中职) take junior graduates, so they sit at 10–12.
    /// </summary>
    public static (int First, int Last) Grades(this SchoolLevel level) => level switch
    {
        SchoolLevel.Primary => (1, 6),
        SchoolLevel.Junior => (7, 9),
        SchoolLevel.Senior => (10, 12),
        SchoolLevel.NineYear => (1, 9),
        SchoolLevel.TwelveYear => (1, 12),
        SchoolLevel.Vocational => (10, 12),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
