using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Jobs;

namespace XinYu.Liaison.Jobs;

/// <summary>
/// Escalates liaison tasks past their deadline: a special home visit not recorded in time, a guardian not informed in
/// time. Each is escalated once (LiaisonTaskOverdue, keyed by the student) and then shows as escalated in the school's
/// overdue list. One replica runs a round (<see cref="IPeriodicJob"/>), and rows are locked with SKIP LOCKED besides, so
/// two sweeps at once never escalate a task twice.
/// </summary>
public sealed class OverdueSweep(LiaisonDbContext db, TimeProvider clock, IOptions<LiaisonOptions> options) : IPeriodicJob
{
    public TimeSpan Interval => options.Value.SweepInterval;

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
