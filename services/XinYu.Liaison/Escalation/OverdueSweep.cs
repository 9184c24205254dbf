using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.Messaging.Outbox;

namespace XinYu.Liaison.Escalation;

/// <summary>
/// Escalates liaison tasks past their deadline: a special home visit not recorded in time, a guardian not informed in
/// time. Each is escalated once (LiaisonTaskOverdue, keyed by the student) and then shows as escalated in the school's
/// overdue list. Rows are locked with SKIP LOCKED, so replicas sweeping at once never escalate a task twice.
/// </summary>
public sealed class OverdueSweep(LiaisonDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var visits = await db.SpecialVisits.FromSql(
            $"SELECT * FROM special_visits WHERE \"CompletedAt\" IS NULL AND \"EscalatedAt\" IS NULL AND \"DueAt\" < {now} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        var notifications = await db.GuardianNotifications.FromSql(
            $"SELECT * FROM guardian_notifications WHERE \"InformedAt\" IS NULL AND \"EscalatedAt\" IS NULL AND \"DueAt\" < {now} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        var escalated = 0;
        foreach (var task in visits.Where(t => LiaisonRules.IsOverdue(t.DueAt, t.CompletedAt is not null, t.EscalatedAt, now)))
        {
            task.EscalatedAt = now;
            db.Publish(new LiaisonTaskOverdue
            {
                BureauId = task.BureauId, SchoolId = task.SchoolId, TaskId = task.Id, StudentId = task.StudentId, Kind = "special-visit", OccurredAt = now,
            }, StudentKey(task.StudentId));
            escalated++;
        }
        foreach (var task in notifications.Where(n => LiaisonRules.IsOverdue(n.DueAt, n.InformedAt is not null, n.EscalatedAt, now)))
        {
            task.EscalatedAt = now;
            db.Publish(new LiaisonTaskOverdue
            {
                BureauId = task.BureauId, SchoolId = task.SchoolId, TaskId = task.Id, StudentId = task.StudentId, Kind = "guardian-notification", OccurredAt = now,
            }, StudentKey(task.StudentId));
            escalated++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return escalated;
    }

    public static string StudentKey(Guid studentId) => $"student:{studentId}";
}

/// <summary>Runs <see cref="OverdueSweep"/> every <see cref="LiaisonOptions.SweepInterval"/> (real time).</summary>
public sealed class OverdueSweeper(IServiceScopeFactory scopes, IOptions<LiaisonOptions> options, ILogger<OverdueSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.SweepInterval, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var escalated = await scope.ServiceProvider.GetRequiredService<OverdueSweep>().RunAsync(stoppingToken);
                if (escalated > 0) logger.LogWarning("Escalated {Count} overdue liaison tasks", escalated);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError(e, "The overdue sweep failed; it runs again at the next interval");
            }
        }
    }
}
