namespace XinYu.ServiceDefaults.Jobs;

/// <summary>
/// One kind of periodic work of a service (a sweep): <see cref="RunAsync"/> is one round at the clock's now. Register it
/// with <see cref="PeriodicJobExtensions.AddPeriodicJob{TJob, TContext}"/>; <see cref="PeriodicJobRunner{TJob, TContext}"/>
/// then runs it every <see cref="Interval"/>, at most one replica at a time. The job still guards each of its effects
/// with the data itself (rows taken <c>FOR UPDATE SKIP LOCKED</c>, a row version, a unique key), so a round that
/// overlaps another writer, or that crashed half-way and runs again, repeats nothing.
/// </summary>
public interface IPeriodicJob
{
    /// <summary>How long from one round to the next (real time); read every round, so a changed setting applies.</summary>
    TimeSpan Interval { get; }

    /// <summary>False stops the background rounds (tests run the job themselves); <see cref="RunAsync"/> still works.</summary>
    bool Enabled => true;

    /// <summary>One round; answers how many effects it had (for the log).</summary>
    Task<int> RunAsync(CancellationToken ct);
}
