using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Calendar.Data;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;

namespace XinYu.Calendar.Reminders;

/// <summary>Settings of the reminders (configuration section <c>CalendarReminders</c>).</summary>
public sealed class ReminderOptions
{
    public const string Section = "CalendarReminders";
    /// <summary>An event starting within this many hours is due soon.</summary>
    public int HoursBefore { get; set; } = 24;
    /// <summary>How often the sweep runs.</summary>
    public int SweepIntervalMinutes { get; set; } = 5;
}

/// <summary>
/// Publishes ActivityDueSoon once for each event not yet held that starts within <see cref="ReminderOptions.HoursBefore"/>
/// hours: the event is marked in the same transaction as the outbox row, and the row version keeps two sweeps from both
/// publishing. An event moved to a new time is reminded again (see EventsApi).
/// </summary>
public sealed class ReminderSweep(CalendarDbContext db, TimeProvider clock, IOptions<ReminderOptions> options)
{
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

/// <summary>Runs the <see cref="ReminderSweep"/> every few minutes.</summary>
public sealed class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.SweepIntervalMinutes)), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Published {Count} reminders of events due soon", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Reminder sweep failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
