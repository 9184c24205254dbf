using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>
/// Chains committed audit rows shortly after commit, in insertion order, one batch per transaction. Inserting needs no
/// lock (the chain's old single head row serialised every auditing transaction); only this one writer per database
/// takes the chain's lock, and replicas that lose the race skip the round. A row that commits late (a lower sequence
/// than rows already sealed) is sealed in the next round, at the next position: chain order is seal order.
/// </summary>
public sealed class AuditSealer<TContext>(IServiceScopeFactory scopes, IOptions<AuditChainOptions> options, AuditSealerState state,
    ILogger<AuditSealer<TContext>> logger) : BackgroundService where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.SealInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                while (await AuditSeal.SealAsync(db, settings.KeyBytes, settings.SealBatchSize, stoppingToken) == settings.SealBatchSize)
                {
                    // A full batch: more are waiting.
                }
                state.Observe(await AuditSeal.UnsealedAsync(db, stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away (or the migration has not run yet): the rows wait, the next round seals them.
                logger.LogWarning("Audit sealing for {Context} failed: {Reason}", typeof(TContext).Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Sealing itself, usable by the sealer and by tests.</summary>
public static class AuditSeal
{
    /// <summary>Any fixed number: the chain's one lock, taken only by a sealer.</summary>
    private const long ChainLock = 4242424202;

    /// <summary>Seals up to <paramref name="batchSize"/> committed, unsealed rows; answers how many (0 if another sealer holds the lock).</summary>
    public static async Task<int> SealAsync(DbContext db, byte[] key, int batchSize, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({ChainLock}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return 0;
        var head = await db.Set<AuditHead>().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var rows = await db.Set<AuditEntry>().Where(e => e.Hash == null).OrderBy(e => e.Sequence).Take(batchSize).ToListAsync(ct);
        if (rows.Count == 0) return 0;
        var position = head?.LastPosition ?? 0;
        var previous = head?.LastHash ?? AuditChain.Genesis;
        foreach (var row in rows)
        {
            row.ChainPosition = ++position;
            row.PreviousHash = previous;
            row.Hash = previous = AuditChain.HashOf(row, key);
        }
        if (head is null)
        {
            db.Set<AuditHead>().Add(new AuditHead { Id = 1, LastPosition = position, LastHash = previous });
        }
        else
        {
            head.LastPosition = position;
            head.LastHash = previous;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    public static async Task<(int Count, DateTimeOffset? Oldest)> UnsealedAsync(DbContext db, CancellationToken ct)
    {
        var unsealed = db.Set<AuditEntry>().AsNoTracking().Where(e => e.Hash == null);
        var count = await unsealed.CountAsync(ct);
        return (count, count == 0 ? null : await unsealed.MinAsync(e => (DateTimeOffset?)e.OccurredAt, ct));
    }
}

/// <summary>The unsealed tail as the sealer last saw it: a gauge (<c>xinyu.audit.unsealed</c>) and a health check.</summary>
public sealed class AuditSealerState
{
    private (int Count, DateTimeOffset? Oldest) _last;

    public AuditSealerState(IMeterFactory meters)
    {
        meters.Create("XinYu.Audit").CreateObservableGauge("xinyu.audit.unsealed", () => Last.Count, unit: "{entry}",
            description: "Audit entries committed but not yet chained by the sealer.");
    }

    public (int Count, DateTimeOffset? Oldest) Last => _last;
    public DateTimeOffset? ObservedAt { get; private set; }

    public void Observe((int Count, DateTimeOffset? Oldest) tail)
    {
        _last = tail;
        ObservedAt = DateTimeOffset.UtcNow;
    }
}

/// <summary>Degraded while a row has waited longer than <c>Audit:MaxUnsealedAge</c> to be sealed.</summary>
public sealed class AuditSealerHealthCheck(AuditSealerState state, IOptions<AuditChainOptions> options, TimeProvider time)
    : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (count, oldest) = state.Last;
        var data = new Dictionary<string, object> { ["unsealed"] = count };
        var late = oldest is { } at && time.GetUtcNow() - at > options.Value.MaxUnsealedAge;
        return Task.FromResult(late
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded("audit entries wait longer than Audit:MaxUnsealedAge to be sealed", data: data)
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(data: data));
    }
}
