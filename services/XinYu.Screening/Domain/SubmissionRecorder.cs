using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.Screening.Domain;

/// <summary>
/// The one way a scored result enters the registry, whoever submitted it (staff in class, or a student with an answer
/// code): the submission, <c>ScreeningSubmitted</c>, the level and any warning (<see cref="RiskRegistry.Apply"/>, so a
/// critical item raises the crisis warning exactly once) and the audit entry, all added to <paramref name="db"/> for
/// the caller's single SaveChanges.
/// </summary>
public static class SubmissionRecorder
{
    public static Submission Record(ScreeningDbContext db, RiskRegistry registry, AuditTrail audit, Student student,
        InstrumentDefinition instrument, ScoreResult score, IReadOnlyList<int> answers, Guid? campaignId, Guid submissionId,
        string actor, DateTimeOffset now)
    {
        var submission = new Submission
        {
            Id = submissionId, BureauId = student.BureauId, SchoolId = student.SchoolId, ClassId = student.ClassId, Grade = student.Grade,
            StudentId = student.StudentId, CampaignId = campaignId, InstrumentCode = instrument.Code,
            InstrumentVersion = instrument.Version, Answers = [.. answers], Total = score.Total, Band = score.Band.Code,
            Level = SubmissionRules.ProposedLevel(registry.Levels, score),
            CriticalItemAnswered = score.CriticalItemAnswered, SubmittedAt = now, SubmittedBy = actor,
        };
        db.Submissions.Add(submission);
        db.Publish(new ScreeningSubmitted
        {
            BureauId = student.BureauId, SchoolId = student.SchoolId, ClassId = student.ClassId, SubmissionId = submissionId,
            StudentId = student.StudentId, CampaignId = campaignId, InstrumentCode = instrument.Code,
            InstrumentVersion = instrument.Version, TotalScore = score.Total, Band = score.Band.Code,
            CriticalItemAnswered = score.CriticalItemAnswered, OccurredAt = now,
        }, EventKeys.Student(student.StudentId));
        var warning = registry.Apply(db, student, score.Band.Level, score.CriticalItemAnswered,
            SubmissionRules.Reasons(instrument.Code, score), "screening", submissionId, actor, null, now);
        submission.WarningId = warning?.Id;
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "screening-result", submissionId.ToString(), student.StudentId, student.SchoolId));
        return submission;
    }
}
