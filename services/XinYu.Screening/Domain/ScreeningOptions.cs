
namespace XinYu.Screening.Domain;

/// <summary>The screening policy (section <c>Screening</c>); defaults are the seeds' values, see docs/screening.md.</summary>
public sealed class ScreeningOptions
{
    public ConsentOptions Consent { get; set; } = new();
    public CampaignOptions Campaigns { get; set; } = new();
    public RiskLevelOptions RiskLevels { get; set; } = new();
    public EscalationOptions Escalation { get; set; } = new();
    public ReturnOptions Return { get; set; } = new();
    public PlanOptions Plans { get; set; } = new();
    public CrisisExportOptions CrisisExport { get; set; } = new();

    public RiskLevels Levels() => new(
        RiskLevels.Levels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), RiskLevels.WarningFrom);
}

public sealed class ConsentOptions
{
    /// <summary>
    /// False (default): screening (and referral) needs a guardian's recorded consent for that purpose. True: the
    /// school's notice suffices, so only a recorded refusal or withdrawal blocks.
    /// </summary>
    public bool SchoolNoticeSuffices { get; set; }
}

public sealed class CampaignOptions
{
    /// <summary>MM-dd of the default window's first day (seed 002: every October, 每年10月普查).</summary>
    public string DefaultWindowStart { get; set; } = "10-01";
    /// <summary>MM-dd of the default window's last day.</summary>
    public string DefaultWindowEnd { get; set; } = "10-31";
}

public sealed class RiskLevelOptions
{
    /// <summary>Comma-separated, lowest first; the first is "no risk", the last the crisis level.</summary>
    public string Levels { get; set; } = "none,attention,high,crisis";
    /// <summary>A rise to this level or above raises a warning (a critical item always does).</summary>
    public string WarningFrom { get; set; } = "high";
}

public sealed class EscalationOptions
{
    /// <summary>An unacknowledged crisis warning moves up a tier after this long (seed: one hour per tier).</summary>
    public TimeSpan CrisisDeadline { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Other levels' warnings move up after this long.</summary>
    public TimeSpan OtherDeadline { get; set; } = TimeSpan.FromHours(24);
    /// <summary>False stops the background worker (tests run the sweep themselves); the sweep itself still works.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often the sweep runs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time a warning of this level may wait at a tier: the crisis level has its own, shorter deadline.</summary>
    public TimeSpan DeadlineFor(string level, RiskLevels levels) => level == levels.Crisis ? CrisisDeadline : OtherDeadline;
}

public sealed class PlanOptions
{
    /// <summary>A follow-up this many days overdue raises a warning at school tier (the owner did not act).</summary>
    public int OverdueEscalationDays { get; set; } = 3;
}

public sealed class ReturnOptions
{
    /// <summary>Check-ins after a return to school (a named professional at least weekly for the first month).</summary>
    public int FollowUpCount { get; set; } = 4;
    public int FollowUpIntervalDays { get; set; } = 7;
}

public sealed class CrisisExportOptions
{
    /// <summary>Students at this level or above are exported to the provincial crisis platform.</summary>
    public string MinimumLevel { get; set; } = "high";
    /// <summary>
    /// The key of the HMAC that turns a student id into the export's pseudonym: stable for the platform, meaningless
    /// without the key. A secret with no default: each deployment sets its own (Program declares it, so a service
    /// outside Development refuses to start without it); appsettings.Development.json has one for development and tests.
    /// </summary>
    public const string PseudonymKeySetting = "Screening:CrisisExport:PseudonymKey";
    public string PseudonymKey { get; set; } = "";
}
