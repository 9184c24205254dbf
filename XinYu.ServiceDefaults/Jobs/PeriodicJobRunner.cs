using System.IO.Hashing;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace XinYu.ServiceDefaults.Jobs;

/// <summary>
/// Runs <typeparamref name="TJob"/> on its interval. Every replica runs this loop; a round first takes the job's
/// PostgreSQL advisory lock (<c>pg_try_advisory_xact_lock</c>, the way the outbox relay and the audit sealer already
/// take theirs), and a replica that does not get it skips the round. Why this and not Quartz.NET's clustered store:
/// the suite already depends on these locks, they need no tables, migrations or scheduler of their own in six
/// databases, and a crashed replica's lock goes with its connection (no lease to expire).
/// </summary>
public sealed class PeriodicJobRunner<TJob, TContext>(IServiceScopeFactory scopes, IOptions<PeriodicJobOptions> options,
    ILogger<PeriodicJobRunner<TJob, TContext>> logger) : BackgroundService
    where TJob : class, IPeriodicJob where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Schedule().Enabled) return;
        var wait = options.Value.StartDelay;
        while (true)
        {
            try
            {
                // Real time, not the injected clock: a test's fake clock moving days ahead must not fire rounds.
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException) { return; }
            try
            {
                var done = await PeriodicJobRound.RunAsync<TJob, TContext>(scopes, stoppingToken);
                if (done > 0) logger.LogInformation("Periodic job {Job} had {Count} effects", typeof(TJob).Name, done);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Periodic job {Job} failed; it runs again at the next interval", typeof(TJob).Name);
            }
            (_, wait) = Schedule();
        }
    }

    private (bool Enabled, TimeSpan Interval) Schedule()
    {
        using var scope = scopes.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<TJob>();
        return (job.Enabled, job.Interval > TimeSpan.Zero ? job.Interval : TimeSpan.FromMinutes(1));
    }
}

/// <summary>One round of a job under its lock: what the runner does each interval, and what tests call.</summary>
public static class PeriodicJobRound
{
    /// <summary>
    /// Runs one round of <typeparamref name="TJob"/> unless another replica holds its lock. Answers the job's count,
    /// or null when the round was skipped. The lock is held by a transaction on a connection of its own (a second
    /// scope's context), so the job keeps its own transactions; ending that transaction releases the lock, also when
    /// the job throws.
    /// </summary>
    public static async Task<int?> RunAsync<TJob, TContext>(IServiceScopeFactory scopes, CancellationToken ct)
        where TJob : class, IPeriodicJob where TContext : DbContext
    {
        await using var lockScope = scopes.CreateAsyncScope();
        var lockDb = lockScope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await lockDb.Database.BeginTransactionAsync(ct);
        var key = LockKey(typeof(TJob));
        var locked = await lockDb.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({key}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return null;

        await using var jobScope = scopes.CreateAsyncScope();
        var done = await jobScope.ServiceProvider.GetRequiredService<TJob>().RunAsync(ct);
        await transaction.CommitAsync(ct);
        return done;
    }

    /// <summary>A lock per job type (locks are per database, and each service has its own), stable across replicas and versions.</summary>
    public static long LockKey(Type job) => unchecked((long)XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(job.FullName ?? job.Name)));
}
