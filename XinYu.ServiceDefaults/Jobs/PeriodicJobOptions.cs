namespace XinYu.ServiceDefaults.Jobs;

/// <summary>Settings every periodic job shares (configuration section <c>PeriodicJobs</c>).</summary>
public sealed class PeriodicJobOptions
{
    public const string Section = "PeriodicJobs";

    /// <summary>
    /// The first round runs this long after start, then one each interval: long enough for the database and the bus
    /// to come up, short enough that a replica restarted more often than a long interval (six hours for retention)
    /// still runs its jobs.
    /// </summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(30);
}
