using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Calendar.Data;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Jobs;

namespace XinYu.Calendar.Jobs;

/// <summary>
/// Publishes ActivityDueSoon once for each event not yet held that starts within <see cref="ReminderOptions.HoursBefore"/>
/// hours: the event is marked in the same transaction as the outbox row, and the row version keeps two writers from
/// both publishing (one replica runs a
/// round, see <see cref="IPeriodicJob"/>; an edit may still race it). An event moved to a new time is reminded again
/// (see EventsApi).
/// </summary>
public sealed class ReminderSweep(CalendarDbContext db, TimeProvider clock, IOptions<ReminderOptions> options) : IPeriodicJob
{
    public TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.Value.SweepIntervalMinutes));

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddHours(options.Value.HoursBefore);
        var due = await db.Events
            .Where(e => e.HeldOn == null && e.CancelledAt == null && e.ReminderSentAt == null && e.StartsAt > now && e.StartsAt <= horizon)
            .OrderBy(e => e.StartsAt).Take(500).ToListAsync(ct);
        var sent = 0;
        foreach (var e in due)
        {
            e.ReminderSentAt = now;
            db.Publish(new ActivityDueSoon
            {
                BureauId = e.BureauId, SchoolId = e.SchoolId, ActivityId = e.Id, Kind = e.Kind, StartsAt = e.StartsAt,
                AssignedStaffIds = e.PresenterStaffIds.Concat(e.RegisteredStaffIds).Distinct().ToList(),
            }, $"activity:{e.Id}");
            try
            {
                await db.SaveChangesAsync(ct);
                sent++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // another sweep (or an edit) got there first; the next run sees the row afresh
            }
        }
        return sent;
    }
}
