using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Screening.Jobs;

/// <summary>
/// Moves warnings not acknowledged in time up a tier (class → school → bureau) and publishes WarningEscalated. The
/// sweep is one pass at the clock's now; <see cref="EscalationJob"/> runs it on an interval, tests call it directly.
/// </summary>
public sealed class EscalationSweep(IServiceScopeFactory scopes, IOptionsMonitor<ScreeningOptions> options, TimeProvider time, SchoolClock school,
    ILogger<EscalationSweep> logger)
{
    public const int BatchSize = 500;

    /// <returns>How many warnings moved up a tier.</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var levels = settings.Levels();
        TimeSpan DeadlineFor(string level) => settings.Escalation.DeadlineFor(level, levels);
        var now = time.GetUtcNow();
        var earliestDeadline = settings.Escalation.CrisisDeadline < settings.Escalation.OtherDeadline
            ? settings.Escalation.CrisisDeadline : settings.Escalation.OtherDeadline;
        var dueBefore = now - earliestDeadline;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScreeningDbContext>();
        var candidates = await db.Warnings
            .Where(w => w.AcknowledgedAt == null && w.Tier != WarningTiers.Bureau && w.TierSince <= dueBefore)
            .OrderBy(w => w.TierSince).Take(BatchSize).ToListAsync(ct);
        var steps = EscalationRules.Due(candidates.Select(w => new OpenWarning(w.Id, w.Level, w.Tier, w.TierSince)), now, DeadlineFor);
        var byId = candidates.ToDictionary(w => w.Id);
        var moved = 0;
        foreach (var step in steps)
        {
            var w = byId[step.WarningId];
            w.Tier = step.ToTier;
            w.TierSince = now;
            db.Publish(new WarningEscalated
            {
                BureauId = w.BureauId, SchoolId = w.SchoolId, WarningId = w.Id, StudentId = w.StudentId,
                FromTier = step.FromTier, ToTier = step.ToTier, OccurredAt = now,
            }, EventKeys.Student(w.StudentId));
            try
            {
                await db.SaveChangesAsync(ct); // one warning per transaction: an acknowledgement racing one does not undo the rest
                moved++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // acknowledged (or moved) meanwhile: it stays as the other writer left it
            }
        }
        if (moved > 0) logger.LogInformation("Escalated {Count} warnings", moved);
        return moved;
    }

    /// <summary>
    /// Overdue follow-ups of open plans (not on treatment leave): one warning per follow-up, at school tier, at the
    /// student's current level (at least the first level above none), source <c>overdue-follow-up</c>. It then escalates
    /// to the bureau like any warning.
    /// </summary>
    /// <returns>How many follow-ups were escalated.</returns>
    public async Task<int> SweepOverdueFollowUpsAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var levels = settings.Levels();
        var now = time.GetUtcNow();
        var today = school.DateOf(now);
        var dueBefore = today.AddDays(-settings.Plans.OverdueEscalationDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScreeningDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Taken FOR UPDATE SKIP LOCKED (and re-checked under the lock): two sweeps at once never raise two warnings
        // for one follow-up; marking it escalated commits with its warning.
        var followUps = await db.FollowUps.FromSql($"""
            SELECT f.* FROM plan_follow_ups f JOIN plans p ON p.id = f.plan_id
            WHERE p.status = 'open' AND NOT p.on_leave AND f.done_at IS NULL AND f.escalated_at IS NULL AND f.due_on <= {dueBefore}
            ORDER BY f.due_on LIMIT {BatchSize} FOR UPDATE OF f SKIP LOCKED
            """).ToListAsync(ct);
        var planIds = followUps.Select(f => f.PlanId).Distinct().ToList();
        var studentOfPlan = await db.Plans.Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.StudentId, ct);
        var studentIds = studentOfPlan.Values.Distinct().ToList();
        var students = await db.Students.Where(s => studentIds.Contains(s.StudentId)).ToDictionaryAsync(s => s.StudentId, ct);
        var rows = followUps.Where(f => students.ContainsKey(studentOfPlan[f.PlanId]))
            .Select(f => new { FollowUp = f, Student = students[studentOfPlan[f.PlanId]] }).ToList();
        var escalated = 0;
        foreach (var row in rows)
        {
            if (!CaseRules.FollowUpNeedsEscalation(row.FollowUp.DueOn, today, settings.Plans.OverdueEscalationDays, false, false)) continue;
            row.FollowUp.EscalatedAt = now;
            var level = row.Student.LevelRank > 0 ? row.Student.Level : levels.Names[1];
            db.Warnings.Add(new Warning
            {
                Id = Guid.CreateVersion7(), BureauId = row.Student.BureauId, SchoolId = row.Student.SchoolId, ClassId = row.Student.ClassId,
                StudentId = row.Student.StudentId, Level = level, Source = "overdue-follow-up", Tier = WarningTiers.School,
                TierSince = now, RaisedAt = now, RaisedBy = "system",
            });
            escalated++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (escalated > 0) logger.LogInformation("Raised {Count} warnings for overdue follow-ups", escalated);
        return escalated;
    }
}
