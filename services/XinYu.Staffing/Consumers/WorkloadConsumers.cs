using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Inbox;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Consumers;

/// <summary>Keeps Calendar's terms, for workload per term.</summary>
public sealed class TermScheduledConsumer(StaffingDbContext db) : TermScheduledCopyConsumer<StaffingDbContext, Term>(db);

/// <summary>Counts a counselling session toward its counsellor's workload. The students' ids are not kept.</summary>
public sealed class CounsellingSessionHeldConsumer(StaffingDbContext db, IOptions<WorkloadOptions> options)
    : IdempotentConsumer<CounsellingSessionHeld, StaffingDbContext>(db)
{
    protected override async Task ApplyAsync(CounsellingSessionHeld message, ConsumeContext<CounsellingSessionHeld> context)
    {
        if (!WorkloadRules.SessionKinds.Contains(message.Kind) || message.DurationMinutes is < 0 or > 24 * 60)
            throw new InvalidMessageException("CounsellingSessionHeld with an unknown kind or an impossible duration.");
        await WorkloadLedger.ReplaceAsync(Db, WorkloadSources.Session, message.SessionId, [new WorkloadEntry
        {
            Id = Guid.CreateVersion7(), BureauId = message.BureauId, SchoolId = message.SchoolId, StaffId = message.CounsellorStaffId,
            Source = WorkloadSources.Session, SourceId = message.SessionId, Kind = message.Kind, HeldOn = message.HeldOn,
            DurationMinutes = message.DurationMinutes, ClassHours = WorkloadRules.ForSession(message.Kind, message.DurationMinutes, options.Value),
        }], context.CancellationToken);
    }
}

/// <summary>Counts a held activity toward each presenter's workload, and keeps it for the lesson count per class.</summary>
public sealed class ActivityHeldConsumer(StaffingDbContext db, IOptions<WorkloadOptions> options)
    : IdempotentConsumer<ActivityHeld, StaffingDbContext>(db)
{
    protected override async Task ApplyAsync(ActivityHeld message, ConsumeContext<ActivityHeld> context)
    {
        if (string.IsNullOrWhiteSpace(message.Kind) || message.Kind.Length > 32 || message.DurationMinutes is < 0 or > 24 * 60)
            throw new InvalidMessageException("ActivityHeld with no kind or an impossible duration.");
        var activity = await Db.HeldActivities.FindAsync([message.ActivityId], context.CancellationToken);
        if (activity is null) Db.HeldActivities.Add(activity = new HeldActivity { Id = message.ActivityId });
        (activity.BureauId, activity.SchoolId, activity.ClassId, activity.Kind, activity.HeldOn, activity.DurationMinutes) =
            (message.BureauId, message.SchoolId, message.ClassId, message.Kind, message.HeldOn, message.DurationMinutes);
        var hours = WorkloadRules.ForActivity(message.Kind, message.DurationMinutes, options.Value);
        var entries = hours == 0 ? [] : message.PresenterStaffIds.Distinct().Select(staff => new WorkloadEntry
        {
            Id = Guid.CreateVersion7(), BureauId = message.BureauId, SchoolId = message.SchoolId, StaffId = staff,
            Source = WorkloadSources.Activity, SourceId = message.ActivityId, Kind = message.Kind, HeldOn = message.HeldOn,
            DurationMinutes = message.DurationMinutes, ClassHours = hours,
        }).ToList();
        await WorkloadLedger.ReplaceAsync(Db, WorkloadSources.Activity, message.ActivityId, entries, context.CancellationToken);
    }
}

/// <summary>
/// The one way workload entries change: a source's entries are replaced whole. So the same session or activity
/// delivered again (a redelivery the inbox missed because it came under another message id, or a correction) never
/// adds to a teacher's count.
/// </summary>
public static class WorkloadLedger
{
    public static async Task ReplaceAsync(StaffingDbContext db, string source, Guid sourceId, IReadOnlyCollection<WorkloadEntry> entries, CancellationToken ct)
    {
        await db.WorkloadEntries.Where(e => e.Source == source && e.SourceId == sourceId).ExecuteDeleteAsync(ct);
        db.WorkloadEntries.AddRange(entries);
    }
}
