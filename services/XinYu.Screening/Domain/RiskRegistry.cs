using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Screening.Data;

namespace XinYu.Screening.Domain;

/// <summary>
/// The dynamic registry of high-risk students (高危学生三级预警动态数据库, seed 001): places a student on a level and
/// raises the warning the rules call for, queuing the events in the same unit of work. The only writer of a student's
/// level, so <see cref="RiskLevelChanged"/> is published from one place. The caller saves.
/// </summary>
public sealed class RiskRegistry(IOptions<ScreeningOptions> options)
{
    public RiskLevels Levels { get; } = options.Value.Levels();

    /// <summary>A result or an observation: it may raise the level (<see cref="RiskRules.Decide"/>) and a warning.</summary>
    public Warning? Apply(ScreeningDbContext db, Student student, string proposedLevel, bool criticalItem, IReadOnlyList<string> reasons,
        string source, Guid? submissionId, string actor, string? details, DateTimeOffset now, bool alwaysWarn = false)
    {
        var decision = RiskRules.Decide(Levels, student.Level, proposedLevel, criticalItem, reasons);
        Place(db, student, decision, now);
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
            }, EventKeys.Student(student.StudentId));
        }
        return warning;
    }

    /// <summary>A plan's review re-places the student, lower or higher (<see cref="RiskRules.Review"/>); it raises no warning.</summary>
    public void Review(ScreeningDbContext db, Student student, string level, DateTimeOffset now) =>
        Place(db, student, RiskRules.Review(Levels, student.Level, level), now);

    private void Place(ScreeningDbContext db, Student student, LevelDecision decision, DateTimeOffset now)
    {
        if (!decision.Changed) return;
        db.Publish(new RiskLevelChanged
        {
            BureauId = student.BureauId, SchoolId = student.SchoolId, ClassId = student.ClassId, StudentId = student.StudentId,
            From = decision.From, To = decision.To, Reasons = decision.Reasons, OccurredAt = now,
            FromRank = Levels.IsLevel(decision.From) ? Levels.RankOf(decision.From) : 0, ToRank = Levels.RankOf(decision.To),
        }, EventKeys.Student(student.StudentId));
        student.Level = decision.To;
        student.LevelRank = Levels.RankOf(decision.To);
        student.LevelSince = now;
        student.LevelReasons = [.. decision.Reasons];
    }
}
