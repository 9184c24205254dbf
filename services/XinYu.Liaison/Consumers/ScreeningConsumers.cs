using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Liaison.Domain;
using XinYu.Messaging.Inbox;

namespace XinYu.Liaison.Consumers;

/// <summary>
/// A rise into a high level makes a special home visit due within the set number of days. Exactly one per rise:
/// the inbox drops a redelivered message, and the unique source-event key drops the same event published again.
/// </summary>
public sealed class RiskLevelChangedConsumer(LiaisonDbContext db, IOptions<LiaisonOptions> options)
    : IdempotentConsumer<RiskLevelChanged, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(RiskLevelChanged m, ConsumeContext<RiskLevelChanged> context)
    {
        var settings = options.Value;
        if (!LiaisonRules.IsRiseToHigh(m.From, m.FromRank, m.To, m.ToRank, settings.HighLevelNames)) return;
        if (await Db.SpecialVisits.AnyAsync(t => t.SourceEventId == m.MessageId, context.CancellationToken)) return;
        var schoolId = m.SchoolId ?? throw new InvalidMessageException("RiskLevelChanged without a school id.");
        var classId = m.ClassId ?? (await Db.Students.FindAsync([m.StudentId], context.CancellationToken))?.ClassId;
        var raisedAt = m.OccurredAt; // the deadline runs from the fact, not from when it reached us
        Db.SpecialVisits.Add(new SpecialVisitTask
        {
            SourceEventId = m.MessageId, BureauId = m.BureauId, SchoolId = schoolId, ClassId = classId, StudentId = m.StudentId,
            FromLevel = Trim(m.From), ToLevel = Trim(m.To), RaisedAt = raisedAt, DueAt = raisedAt.AddDays(settings.SpecialVisitDueDays),
        });
    }

    private static string Trim(string level) => level.Length <= 40 ? level : level[..40];
}

/// <summary>A crisis warning: the school's designated person must tell the guardian within the set hours.</summary>
public sealed class CrisisWarningRaisedConsumer(LiaisonDbContext db, IOptions<LiaisonOptions> options)
    : IdempotentConsumer<CrisisWarningRaised, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(CrisisWarningRaised m, ConsumeContext<CrisisWarningRaised> context)
    {
        var ct = context.CancellationToken;
        if (await Db.GuardianNotifications.AnyAsync(n => n.SourceEventId == m.MessageId || n.WarningId == m.WarningId, ct)) return;
        var schoolId = m.SchoolId ?? throw new InvalidMessageException("CrisisWarningRaised without a school id.");
        var classId = m.ClassId ?? (await Db.Students.FindAsync([m.StudentId], ct))?.ClassId;
        var raisedAt = m.OccurredAt; // the deadline runs from the fact, not from when it reached us
        Db.GuardianNotifications.Add(new GuardianNotification
        {
            SourceEventId = m.MessageId, WarningId = m.WarningId, BureauId = m.BureauId, SchoolId = schoolId, ClassId = classId,
            StudentId = m.StudentId, RaisedAt = raisedAt, DueAt = raisedAt.AddHours(options.Value.GuardianNotificationDueHours),
        });
    }
}
