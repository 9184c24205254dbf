using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Records.Data;
using XinYu.Records.Domain;

namespace XinYu.Records.Consumers;

/// <summary>
/// Adds one line to a student's timeline per event (the inbox applies each delivery once; the unique
/// (student, event) key backs it up). Events about a student Records does not know (yet) are kept anyway: the
/// student may be enrolled by a later roster, and the line then shows up in the file.
/// </summary>
public abstract class TimelineConsumer<TEvent>(RecordsDbContext db, TimeProvider clock) : IdempotentConsumer<TEvent, RecordsDbContext>(db)
    where TEvent : IntegrationEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected abstract string Kind { get; }
    protected abstract string Section { get; }
    protected abstract Guid StudentOf(TEvent message);
    /// <summary>The line's details: codes and ids only.</summary>
    protected abstract object Details(TEvent message);

    protected override async Task ApplyAsync(TEvent message, ConsumeContext<TEvent> context)
    {
        var studentId = StudentOf(message);
        if (await Db.Timeline.AnyAsync(t => t.StudentId == studentId && t.SourceEventId == message.MessageId, context.CancellationToken)) return;
        Db.Timeline.Add(Line(message.MessageId, studentId, Kind, Section, message.SchoolId, message.OccurredAt, Details(message), clock.GetUtcNow()));
    }

    public static TimelineEntry Line(Guid eventId, Guid studentId, string kind, string section, Guid? schoolId, DateTimeOffset occurredAt,
        object details, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), StudentId = studentId, SourceEventId = eventId, Kind = kind, Section = section, SchoolId = schoolId,
        OccurredAt = occurredAt, Details = JsonSerializer.Serialize(details, Json), RecordedAt = now,
    };
}

public sealed class ScreeningSubmittedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<ScreeningSubmitted>(db, clock)
{
    protected override string Kind => "screening-submitted";
    protected override string Section => Sections.Screening;
    protected override Guid StudentOf(ScreeningSubmitted m) => m.StudentId;
    protected override object Details(ScreeningSubmitted m) => new
    {
        m.SubmissionId, m.CampaignId, instrument = m.InstrumentCode, m.InstrumentVersion, m.TotalScore, m.Band, m.CriticalItemAnswered,
    };
}

public sealed class RiskLevelChangedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<RiskLevelChanged>(db, clock)
{
    protected override string Kind => "risk-level-changed";
    protected override string Section => Sections.Warnings;
    protected override Guid StudentOf(RiskLevelChanged m) => m.StudentId;
    protected override object Details(RiskLevelChanged m) => new { m.From, m.To, m.FromRank, m.ToRank, m.Reasons };
}

public sealed class CrisisWarningRaisedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<CrisisWarningRaised>(db, clock)
{
    protected override string Kind => "crisis-warning-raised";
    protected override string Section => Sections.Warnings;
    protected override Guid StudentOf(CrisisWarningRaised m) => m.StudentId;
    protected override object Details(CrisisWarningRaised m) => new { m.WarningId, m.Source, m.SubmissionId, m.Tier };
}

public sealed class WarningEscalatedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<WarningEscalated>(db, clock)
{
    protected override string Kind => "warning-escalated";
    protected override string Section => Sections.Warnings;
    protected override Guid StudentOf(WarningEscalated m) => m.StudentId;
    protected override object Details(WarningEscalated m) => new { m.WarningId, m.FromTier, m.ToTier };
}

public sealed class InterventionPlanOpenedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<InterventionPlanOpened>(db, clock)
{
    protected override string Kind => "intervention-plan-opened";
    protected override string Section => Sections.Plans;
    protected override Guid StudentOf(InterventionPlanOpened m) => m.StudentId;
    protected override object Details(InterventionPlanOpened m) => new { m.PlanId, m.OwnerStaffId };
}

public sealed class InterventionPlanClosedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<InterventionPlanClosed>(db, clock)
{
    protected override string Kind => "intervention-plan-closed";
    protected override string Section => Sections.Plans;
    protected override Guid StudentOf(InterventionPlanClosed m) => m.StudentId;
    protected override object Details(InterventionPlanClosed m) => new { m.PlanId, m.Outcome };
}

public sealed class ReferralMadeConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<ReferralMade>(db, clock)
{
    protected override string Kind => "referral-made";
    protected override string Section => Sections.Referrals;
    protected override Guid StudentOf(ReferralMade m) => m.StudentId;
    protected override object Details(ReferralMade m) => new { m.ReferralId, m.AgencyId };
}

public sealed class ReferralFeedbackReceivedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<ReferralFeedbackReceived>(db, clock)
{
    protected override string Kind => "referral-feedback-received";
    protected override string Section => Sections.Referrals;
    protected override Guid StudentOf(ReferralFeedbackReceived m) => m.StudentId;
    protected override object Details(ReferralFeedbackReceived m) => new { m.ReferralId, m.AgencyId, m.Kind };
}

public sealed class ReturnToSchoolAssessedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<ReturnToSchoolAssessed>(db, clock)
{
    protected override string Kind => "return-to-school-assessed";
    protected override string Section => Sections.ReturnAssessments;
    protected override Guid StudentOf(ReturnToSchoolAssessed m) => m.StudentId;
    protected override object Details(ReturnToSchoolAssessed m) => new { m.AssessmentId, m.Outcome };
}

public sealed class HomeVisitCompletedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<HomeVisitCompleted>(db, clock)
{
    protected override string Kind => "home-visit-completed";
    protected override string Section => Sections.HomeLiaison;
    protected override Guid StudentOf(HomeVisitCompleted m) => m.StudentId;
    protected override object Details(HomeVisitCompleted m) => new { m.VisitId, m.Kind, m.VisitedOn, m.GuardianAcknowledged };
}

public sealed class GuardianNotifiedConsumer(RecordsDbContext db, TimeProvider clock) : TimelineConsumer<GuardianNotified>(db, clock)
{
    protected override string Kind => "guardian-notified";
    protected override string Section => Sections.HomeLiaison;
    protected override Guid StudentOf(GuardianNotified m) => m.StudentId;
    protected override object Details(GuardianNotified m) => new { m.NotificationId, m.WarningId, m.Method };
}
