using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Screening.Services;

/// <summary>
/// Moves warnings not acknowledged in time up a tier (class → school → bureau) and publishes WarningEscalated. The
/// sweep is one pass at the clock's now; <see cref="EscalationWorker"/> runs it on an interval, tests call it directly.
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
        TimeSpan DeadlineFor(string level) => level == levels.Crisis ? settings.Escalation.CrisisDeadline : settings.Escalation.OtherDeadline;
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
        var rows = await (from f in db.FollowUps
                          join p in db.Plans on f.PlanId equals p.Id
                          join s in db.Students on p.StudentId equals s.StudentId
                          where p.Status == "open" && !p.OnLeave && f.DoneAt == null && f.EscalatedAt == null && f.DueOn <= dueBefore
                          orderby f.DueOn
                          select new { FollowUp = f, Student = s }).Take(BatchSize).ToListAsync(ct);
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
        if (escalated > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Raised {Count} warnings for overdue follow-ups", escalated);
        }
        return escalated;
    }
}

/// <summary>Runs the escalation sweep every <see cref="EscalationOptions.SweepInterval"/>.</summary>
public sealed class EscalationWorker(EscalationSweep sweep, IOptionsMonitor<ScreeningOptions> options, TimeProvider time,
    ILogger<EscalationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Escalation.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweep.SweepAsync(stoppingToken);
                await sweep.SweepOverdueFollowUpsAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Escalation sweep failed; retrying at the next interval");
            }
            try
            {
                await Task.Delay(options.CurrentValue.Escalation.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) { return; }
        }
    }
}
