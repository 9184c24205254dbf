namespace XinYu.Screening.Domain;

/// <summary>Students' one-time answer codes (section <c>Screening:AnswerCodes</c>, docs/screening.md).</summary>
public sealed class AnswerCodeOptions
{
    public const string Section = "Screening:AnswerCodes";
    /// <summary>
    /// The key of the HMAC that stores a code. A secret with no default: each deployment sets its own (Program declares
    /// it); appsettings.Development.json has one for development and tests. Changing it voids every code issued.
    /// </summary>
    public const string KeySetting = "Screening:AnswerCodes:Key";
    public string Key { get; set; } = "";
    /// <summary>Symbols per code: short enough to type from a slip, long enough that guessing is hopeless within the limits.</summary>
    public int Length { get; set; } = 8;
    /// <summary>Redemptions and submissions one code may take (reloads, a retry after a dropped connection), then it locks.</summary>
    public int MaxAttemptsPerCode { get; set; } = 20;
    /// <summary>
    /// Calls naming a campaign with no valid code that the campaign takes per <see cref="FailureWindow"/>; beyond it
    /// every code call for the campaign gets 429 until the window ends (not per address: a computer room shares one).
    /// </summary>
    public int MaxFailuresPerCampaign { get; set; } = 300;
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Shown before the questions when the campaign has no explanation of its own.</summary>
    public string DefaultExplanation { get; set; } =
        "这是学校组织的心理健康普查问卷，用于了解同学们近期的情绪状况，以便在需要时及时提供帮助。你的回答只有学校心理老师能看到，不计入成绩。请根据最近两周的真实感受作答。你的监护人已同意你参加本次普查。";

    public bool IsValid => Length is >= 6 and <= 16 && MaxAttemptsPerCode > 0 && MaxFailuresPerCampaign > 0 && FailureWindow > TimeSpan.Zero;
}

/// <summary>What a student who answered a critical item is shown (section <c>Screening:Support</c>).</summary>
public sealed class SupportOptions
{
    public const string Section = "Screening:Support";
    /// <summary>The psychological-assistance lines (default: 12356, the national line, 全国心理援助热线).</summary>
    public List<Hotline> Hotlines { get; set; } = [];
    /// <summary>A bureau's own lines, by bureau id, in place of <see cref="Hotlines"/> (Screening has no other per-bureau settings yet).</summary>
    public Dictionary<string, List<Hotline>> ByBureau { get; set; } = [];

    public static readonly Hotline National = new() { Name = "全国心理援助热线", Number = "12356" };

    public IReadOnlyList<Hotline> For(Guid bureauId) =>
        ByBureau.TryGetValue(bureauId.ToString(), out var own) && own.Count > 0 ? own
        : Hotlines.Count > 0 ? Hotlines : [National];
}

public sealed class Hotline
{
    public string Name { get; set; } = "";
    public string Number { get; set; } = "";
}
