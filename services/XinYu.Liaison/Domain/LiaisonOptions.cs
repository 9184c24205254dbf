namespace XinYu.Liaison.Domain;

/// <summary>The liaison policy numbers (configuration section <c>Liaison</c>); defaults are the seed's values.</summary>
public sealed class LiaisonOptions
{
    public const string Section = "Liaison";

    /// <summary>Home visits each student needs per school year to count as visited (全员家访, seed 001: at least once).</summary>
    public int VisitsPerSchoolYear { get; set; } = 1;

    /// <summary>
    /// Level names that count as high risk; a rise into one of them makes a special home visit due. Empty means the
    /// default (high, crisis): configuration binding adds to a list rather than replacing it, so the default is not
    /// written into the list itself.
    /// </summary>
    public List<string> HighLevels { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultHighLevels = ["high", "crisis"];
    public IReadOnlyList<string> HighLevelNames => HighLevels.Count > 0 ? HighLevels : DefaultHighLevels;

    /// <summary>Days from the level rise within which the special home visit is due (seed 001: 3).</summary>
    public int SpecialVisitDueDays { get; set; } = 3;

    /// <summary>Hours from a crisis warning within which the guardian must be informed.</summary>
    public double GuardianNotificationDueHours { get; set; } = 2;

    /// <summary>Mental-health activities for parents each school must hold per school year (seed 002: at least one).</summary>
    public int ParentMentalHealthActivitiesPerSchoolYear { get; set; } = 1;

    /// <summary>How often the overdue sweep runs (real time; the sweep itself reads the injected clock).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
