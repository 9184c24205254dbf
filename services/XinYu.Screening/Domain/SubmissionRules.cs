using XinYu.Screening.Data;

namespace XinYu.Screening.Domain;

/// <summary>What a submission must meet before it is scored into the registry.</summary>
public static class SubmissionRules
{
    /// <summary>
    /// A result counts for a campaign (the bureau's screening on one platform, seed 001; every October by default, seed
    /// 002) only inside the campaign's window, for a student of its schools and grades, with one of its instruments.
    /// </summary>
    public static void CampaignAccepts(Campaign campaign, Student student, string instrumentKey, DateOnly today)
    {
        if (campaign.BureauId != student.BureauId) throw new ScreeningRuleException("campaignId", "No such campaign.");
        if (today < campaign.WindowStart || today > campaign.WindowEnd)
            throw new ScreeningRuleException("campaignId",
                $"The campaign's window is {campaign.WindowStart:yyyy-MM-dd} to {campaign.WindowEnd:yyyy-MM-dd}; today is outside it.");
        if (!campaign.SchoolIds.Contains(student.SchoolId) || !campaign.Grades.Contains(student.Grade))
            throw new ScreeningRuleException("campaignId", "The student's school or grade is not in this campaign.");
        if (!campaign.Instruments.Contains(instrumentKey))
            throw new ScreeningRuleException("instrumentCode", "This campaign does not use this instrument and version.");
    }

    /// <summary>
    /// The level a result proposes: its band's, or the crisis level when a critical item was answered (a self-harm item
    /// above zero raises a crisis warning whatever the total: docs/domain.md, "Screening and crisis warning").
    /// </summary>
    public static string ProposedLevel(RiskLevels levels, ScoreResult score) => score.CriticalItemAnswered ? levels.Crisis : score.Band.Level;

    /// <summary>Why the result moved the student: the band, and the critical item first where one was answered.</summary>
    public static IReadOnlyList<string> Reasons(string instrumentCode, ScoreResult score) => score.CriticalItemAnswered
        ? [$"critical-item:{instrumentCode}", $"band:{instrumentCode}:{score.Band.Code}"]
        : [$"band:{instrumentCode}:{score.Band.Code}"];
}
