using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Calendar.Data;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Jobs;

namespace XinYu.Calendar.Jobs;

/// <summary>
/// Publishes ActivityDueSoon once for each event not yet held that starts within <see cref="ReminderOptions.HoursBefore"/>
/// hours: the event is marked in the same transaction as the outbox row. One replica runs a round (<see cref="IPeriodicJob"/>),
/// and the rows are taken FOR UPDATE SKIP LOCKED besides, so two sweeps at once never both publish (the row-version
/// retry this replaced published every event after its first conflict again: the cleared events were no longer
/// tracked). An edit of a locked event waits for the sweep. An event moved to a new time is reminded again (see EventsApi).
/// </summary>
public sealed class ReminderSweep(CalendarDbContext db, TimeProvider clock, IOptions<ReminderOptions> options) : IPeriodicJob
{
    public TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.Value.SweepIntervalMinutes));

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddHours(options.Value.HoursBefore);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Events.FromSql($"""
            SELECT *, xmin FROM events WHERE held_on IS NULL AND cancelled_at IS NULL AND reminder_sent_at IS NULL
            AND starts_at > {now} AND starts_at <= {horizon} ORDER BY starts_at LIMIT 500 FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        foreach (var e in due)
        {
            e.ReminderSentAt = now;
            db.Publish(new ActivityDueSoon
            {
                BureauId = e.BureauId, SchoolId = e.SchoolId, ActivityId = e.Id, Kind = e.Kind, StartsAt = e.StartsAt,
                AssignedStaffIds = e.PresenterStaffIds.Concat(e.RegisteredStaffIds).Distinct().ToList(),
            }, $"activity:{e.Id}");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var sent = due.Count;
        return sent;
    }
}
