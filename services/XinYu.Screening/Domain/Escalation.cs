namespace XinYu.Screening.Domain;

/// <summary>The three tiers of the warning chain (班级-学校-社会/市级): class → school → bureau.</summary>
public static class WarningTiers
{
    public const string Class = "class";
    public const string School = "school";
    public const string Bureau = "bureau";

    public static string? Next(string tier) => tier switch
    {
        Class => School,
        School => Bureau,
        _ => null,
    };
}

/// <summary>An open warning as the sweep sees it.</summary>
public sealed record OpenWarning(Guid Id, string Level, string Tier, DateTimeOffset TierSince);

public sealed record EscalationStep(Guid WarningId, string FromTier, string ToTier);

/// <summary>
/// Escalation: a warning not acknowledged within its level's deadline at its tier moves to the next tier, and the clock
/// starts again there. Pure, so tests drive it with any clock.
/// </summary>
public static class EscalationRules
{
    public static IReadOnlyList<EscalationStep> Due(IEnumerable<OpenWarning> open, DateTimeOffset now, Func<string, TimeSpan> deadlineFor)
    {
        var steps = new List<EscalationStep>();
        foreach (var w in open)
        {
            if (WarningTiers.Next(w.Tier) is not { } next) continue;
            if (now - w.TierSince >= deadlineFor(w.Level)) steps.Add(new EscalationStep(w.Id, w.Tier, next));
        }
        return steps;
    }

    /// <summary>
    /// When an open warning moves up a tier if nobody acknowledges it first (its time at the tier reaching the level's
    /// deadline, as <see cref="Due"/> judges); null once acknowledged or at the bureau, the last tier. The sweep runs
    /// every interval, so the move happens up to one interval later.
    /// </summary>
    public static DateTimeOffset? EscalatesAt(string tier, DateTimeOffset tierSince, bool open, TimeSpan deadline) =>
        open && WarningTiers.Next(tier) is not null ? tierSince + deadline : null;
}
