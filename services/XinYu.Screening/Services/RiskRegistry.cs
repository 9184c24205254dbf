using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Services;

/// <summary>
/// Places a student on a level (the dynamic registry) and raises the warning the rules call for, queuing the events in
/// the same unit of work. The caller saves.
/// </summary>
public sealed class RiskRegistry(IOptions<ScreeningOptions> options)
{
    public RiskLevels Levels { get; } = options.Value.Levels();

    public Warning? Apply(ScreeningDbContext db, Student student, string proposedLevel, bool criticalItem, IReadOnlyList<string> reasons,
        string source, Guid? submissionId, string actor, string? details, DateTimeOffset now, bool alwaysWarn = false)
    {
        var decision = RiskRules.Decide(Levels, student.Level, proposedLevel, criticalItem, reasons);
        var key = Apis.ScreeningApi.StudentKey(student.StudentId);
        if (decision.Changed)
        {
            db.Publish(new RiskLevelChanged
            {
                BureauId = student.BureauId, SchoolId = student.SchoolId, ClassId = student.ClassId, StudentId = student.StudentId,
                From = decision.From, To = decision.To, Reasons = reasons, OccurredAt = now,
                FromRank = Levels.IsLevel(decision.From) ? Levels.RankOf(decision.From) : 0, ToRank = Levels.RankOf(decision.To),
            }, key);
            student.Level = decision.To;
            student.LevelRank = Levels.RankOf(decision.To);
            student.LevelSince = now;
            student.LevelReasons = [.. reasons];
        }
        if (!decision.RaiseWarning && !alwaysWarn) return null;
        var warningLevel = criticalItem ? Levels.Crisis : proposedLevel;
        var warning = new Warning
        {
            Id = Guid.CreateVersion7(), BureauId = student.BureauId, SchoolId = student.SchoolId, ClassId = student.ClassId,
            StudentId = student.StudentId, Level = warningLevel, Source = source, SubmissionId = submissionId,
            Tier = WarningTiers.Class, TierSince = now, RaisedAt = now, RaisedBy = actor, Details = details,
        };
        db.Warnings.Add(warning);
        if (warningLevel == Levels.Crisis)
        {
            db.Publish(new CrisisWarningRaised
            {
                BureauId = student.BureauId, SchoolId = student.SchoolId, ClassId = student.ClassId, StudentId = student.StudentId,
                WarningId = warning.Id, Source = source, SubmissionId = submissionId, Tier = warning.Tier, OccurredAt = now,
            }, key);
        }
        return warning;
    }
}
