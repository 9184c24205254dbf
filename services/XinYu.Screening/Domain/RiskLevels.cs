namespace XinYu.Screening.Domain;

/// <summary>
/// The bureau's risk levels, lowest first (default none, attention, high, crisis). A level's rank is its index; the
/// first is "no risk" and the last is the crisis level a critical item places a student on.
/// </summary>
public sealed class RiskLevels
{
    public RiskLevels(IReadOnlyList<string> names, string warningFrom)
    {
        if (names.Count < 2 || names.Distinct(StringComparer.Ordinal).Count() != names.Count || names.Any(n => !InstrumentRules.IsCode(n)))
            throw new InvalidOperationException("Screening:RiskLevels:Levels needs at least two distinct level codes, lowest first.");
        Names = names;
        WarningFromRank = RankOf(warningFrom);
        if (WarningFromRank <= 0)
            throw new InvalidOperationException("Screening:RiskLevels:WarningFrom must name a level above the first.");
    }

    public IReadOnlyList<string> Names { get; }
    public string None => Names[0];
    public string Crisis => Names[^1];
    /// <summary>A rise to this rank or above raises a warning.</summary>
    public int WarningFromRank { get; }

    public bool IsLevel(string? name) => name is not null && Names.Contains(name);

    public int RankOf(string name)
    {
        for (var i = 0; i < Names.Count; i++) if (Names[i] == name) return i;
        throw new InvalidOperationException($"{name} is not a risk level.");
    }
}

/// <summary>What a new result or observation does to a student's level.</summary>
public sealed record LevelDecision(string From, string To, bool Changed, bool RaiseWarning, bool Crisis, IReadOnlyList<string> Reasons);

public static class RiskRules
{
    /// <summary>
    /// Results and observations only raise a student's level; a lower result does not lower it (that is a counsellor's
    /// review). A critical item places the student on the crisis level and always raises a crisis warning, whatever the
    /// total and whatever the level already was. A rise to the warning level or above raises a warning.
    /// </summary>
    public static LevelDecision Decide(RiskLevels levels, string current, string proposed, bool criticalItem, IReadOnlyList<string> reasons)
    {
        var target = criticalItem ? levels.Crisis : proposed;
        var from = levels.IsLevel(current) ? levels.RankOf(current) : 0;
        var to = levels.RankOf(target);
        var changed = to > from;
        var raise = criticalItem || (changed && to >= levels.WarningFromRank);
        var newLevel = changed ? target : current;
        return new LevelDecision(current, newLevel, changed, raise, criticalItem || (raise && newLevel == levels.Crisis), reasons);
    }

    /// <summary>
    /// A counsellor's review of the plan is the one way a level goes down (results and observations only raise it,
    /// <see cref="Decide"/>): the student is placed on the reviewed level, lower or higher, for the reason "review".
    /// </summary>
    public static LevelDecision Review(RiskLevels levels, string current, string reviewed)
    {
        MustBeALevel(levels, reviewed);
        var changed = current != reviewed;
        return new LevelDecision(current, changed ? reviewed : current, changed, false, false, ["review"]);
    }

    public static void MustBeALevel(RiskLevels levels, string level)
    {
        if (!levels.IsLevel(level)) throw new ScreeningRuleException("level", $"One of: {string.Join(", ", levels.Names)}.");
    }
}
