using XinYu.ServiceDefaults.Http;
using XinYu.Screening.Apis;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class CampaignRulesTests
{
    private static readonly DateOnly Start = new(2026, 10, 1), End = new(2026, 10, 31);

    [Fact]
    public void Expected_share_follows_the_window()
    {
        Assert.Equal(0, CampaignRules.ExpectedShare(Start, End, new DateOnly(2026, 9, 30)));
        Assert.Equal(1.0 / 31, CampaignRules.ExpectedShare(Start, End, Start), 6);
        Assert.Equal(1, CampaignRules.ExpectedShare(Start, End, End));
    }

    [Fact]
    public void A_class_below_the_pace_is_behind_and_counts_add_up()
    {
        var school = Guid.NewGuid();
        var (fast, slow) = (Guid.NewGuid(), Guid.NewGuid());
        var invited = Enumerable.Range(0, 4).Select(_ => new InvitedStudent(Guid.NewGuid(), school, fast, 7))
            .Concat(Enumerable.Range(0, 4).Select(_ => new InvitedStudent(Guid.NewGuid(), school, slow, 7))).ToList();
        var done = invited.Where(s => s.ClassId == fast).Take(3).Append(invited.First(s => s.ClassId == slow))
            .Select(s => s.StudentId).ToHashSet();

        // Day 16 of 31: about half expected. Fast class 3/4 is ahead; slow class 1/4 is behind.
        var progress = Assert.Single(CampaignRules.Progress(invited, done, Start, End, new DateOnly(2026, 10, 16)));
        Assert.Equal((8, 4), (progress.Invited, progress.Completed));
        Assert.False(progress.Classes.Single(c => c.ClassId == fast).Behind);
        Assert.True(progress.Classes.Single(c => c.ClassId == slow).Behind);
    }

    [Fact]
    public void Windows_that_ended_or_run_backwards_are_refused()
    {
        var today = new DateOnly(2026, 10, 15);
        Assert.Equal("windowEnd", Assert.Throws<ScreeningRuleException>(() => CampaignRules.ValidateWindow(Start, new DateOnly(2026, 10, 14), today)).Field);
        Assert.Equal("windowEnd", Assert.Throws<ScreeningRuleException>(() => CampaignRules.ValidateWindow(End, Start, today)).Field);
        Assert.Equal("windowStart", Assert.Throws<ScreeningRuleException>(() => CampaignRules.ValidateWindow(new DateOnly(1900, 1, 1), End, today)).Field);
        CampaignRules.ValidateWindow(Start, End, today);
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData(null, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, true, false)]
    public void Consent_rule(bool? granted, bool schoolNoticeSuffices, bool allowed) =>
        Assert.Equal(allowed, ConsentRules.ConsentAllows(granted, schoolNoticeSuffices));

    [Theory]
    [InlineData(-2, false, false, false)]
    [InlineData(-3, false, false, true)]
    [InlineData(-9, true, false, false)]
    [InlineData(-9, false, true, false)]
    public void An_overdue_follow_up_escalates_once_after_the_grace_days(int dueOffset, bool done, bool escalated, bool expected) =>
        Assert.Equal(expected, CaseRules.FollowUpNeedsEscalation(new DateOnly(2026, 10, 15).AddDays(dueOffset), new DateOnly(2026, 10, 15), 3, done, escalated));

    [Fact]
    public void Return_check_ins_are_weekly_for_a_month() =>
        Assert.Equal([new DateOnly(2026, 10, 22), new DateOnly(2026, 10, 29), new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 12)],
            CaseRules.FollowUpSchedule(new DateOnly(2026, 10, 22), 4, 7));

    [Fact]
    public void A_return_needs_documents_and_every_safety_plan_step_but_a_deferral_does_not()
    {
        var full = new SafetyPlan("a", "b", "c", "d", "e", "f");
        CaseRules.ReturnNeedsDocumentsAndSafetyPlan("returned", true, full);
        CaseRules.ReturnNeedsDocumentsAndSafetyPlan("deferred", false, null);
        Assert.Equal("hospitalDocumentsReceived", Assert.Throws<ScreeningRuleException>(() => CaseRules.ReturnNeedsDocumentsAndSafetyPlan("returned", false, full)).Field);
        Assert.Equal("safetyPlan.peopleToAsk", Assert.Throws<RequestRejectedException>(() => CaseRules.ReturnNeedsDocumentsAndSafetyPlan("returned", true, full with { PeopleToAsk = " " })).Field);
        Assert.Equal("reviews", Assert.Throws<ScreeningRuleException>(() => CaseRules.ClosingNeedsAReview(0)).Field);
    }
}
