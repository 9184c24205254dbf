using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ComplianceRulesTests
{
    private static readonly ComplianceOptions Seed = new();

    private static SchoolStaffingFacts Facts(SchoolLevel level, bool urban, bool legal, int fullTime, string name = "一中") =>
        new(Guid.NewGuid(), name, level, urban, legal, fullTime, 0);

    [Theory]
    [InlineData(SchoolLevel.Primary, 1)]
    [InlineData(SchoolLevel.Junior, 1)]
    [InlineData(SchoolLevel.Senior, 2)]
    [InlineData(SchoolLevel.Vocational, 2)]
    [InlineData(SchoolLevel.NineYear, 2)]   // primary 1 + junior 1
    [InlineData(SchoolLevel.TwelveYear, 4)] // primary 1 + junior 1 + senior 2
    public void The_standard_is_the_stage_minimum_or_the_sum_of_the_stages(SchoolLevel level, int required) =>
        Assert.Equal(required, ComplianceRules.RequiredFullTimePsych(level, Seed));

    [Fact]
    public void Deadlines_urban_2025_legal_entity_2026_the_earlier_when_both_none_for_a_rural_teaching_point()
    {
        Assert.Equal(new DateOnly(2025, 12, 31), ComplianceRules.Deadline(urban: true, legalEntity: true, Seed));
        Assert.Equal(new DateOnly(2025, 12, 31), ComplianceRules.Deadline(urban: true, legalEntity: false, Seed));
        Assert.Equal(new DateOnly(2026, 12, 31), ComplianceRules.Deadline(urban: false, legalEntity: true, Seed));
        Assert.Null(ComplianceRules.Deadline(urban: false, legalEntity: false, Seed));
    }

    [Fact]
    public void A_school_short_of_the_standard_is_compliant_until_its_deadline_and_not_the_day_after()
    {
        var rural = Facts(SchoolLevel.Junior, urban: false, legal: true, fullTime: 0);

        var onDeadline = ComplianceRules.Assess(rural, new DateOnly(2026, 12, 31), Seed);
        Assert.True(onDeadline.Compliant);
        Assert.Contains(onDeadline.Notes, n => n.Contains("due by 2026-12-31"));

        var dayAfter = ComplianceRules.Assess(rural, new DateOnly(2027, 1, 1), Seed);
        Assert.False(dayAfter.Compliant);
        Assert.Equal(2, dayAfter.Violations.Count); // none at all, and below the junior standard of 1
        Assert.Contains(dayAfter.Violations, v => v.Contains("no full-time psych teacher (required since 2026-12-31)"));
    }

    [Fact]
    public void An_urban_senior_school_with_one_full_time_psych_teacher_fails_the_standard_of_two_after_2025()
    {
        var result = ComplianceRules.Assess(Facts(SchoolLevel.Senior, urban: true, legal: true, fullTime: 1), new DateOnly(2026, 1, 1), Seed);
        Assert.False(result.Compliant);
        Assert.Equal("1 full-time psych teacher(s), the senior standard is 2", Assert.Single(result.Violations));
        Assert.True(ComplianceRules.Assess(Facts(SchoolLevel.Senior, true, true, 2), new DateOnly(2026, 1, 1), Seed).Compliant);
    }

    [Fact]
    public void A_rural_teaching_point_is_never_in_violation_but_its_gap_is_noted()
    {
        var result = ComplianceRules.Assess(Facts(SchoolLevel.Primary, urban: false, legal: false, fullTime: 0), new DateOnly(2030, 1, 1), Seed);
        Assert.True(result.Compliant);
        Assert.Null(result.Deadline);
        Assert.Equal(2, result.Notes.Count);
    }

    [Fact]
    public void Deadlines_and_minima_are_settings()
    {
        var stricter = new ComplianceOptions { UrbanDeadline = new DateOnly(2024, 6, 30), SeniorMinimum = 3 };
        var result = ComplianceRules.Assess(Facts(SchoolLevel.Senior, urban: true, legal: false, fullTime: 2), new DateOnly(2024, 7, 1), stricter);
        Assert.False(result.Compliant);
        Assert.Equal(3, result.RequiredFullTimePsych);
        Assert.Equal(new DateOnly(2024, 6, 30), result.Deadline);
    }

    [Fact]
    public void The_bureau_is_compliant_only_with_research_staff_and_every_school_compliant()
    {
        var today = new DateOnly(2027, 1, 15);
        var good = Facts(SchoolLevel.Primary, true, true, 1, "甲");
        var bad = Facts(SchoolLevel.Senior, true, true, 1, "乙");

        var noResearch = ComplianceRules.AssessBureau([good], researchStaff: 0, today, Seed);
        Assert.False(noResearch.ResearchStaffPresent);
        Assert.False(noResearch.Compliant);

        var mixed = ComplianceRules.AssessBureau([good, bad], researchStaff: 1, today, Seed);
        Assert.True(mixed.ResearchStaffPresent);
        Assert.Equal((2, 1, 2, 2), (mixed.Schools, mixed.CompliantSchools, mixed.UrbanSchools, mixed.UrbanSchoolsWithFullTimePsych));
        Assert.False(mixed.Compliant);

        Assert.True(ComplianceRules.AssessBureau([good], researchStaff: 1, today, Seed).Compliant);
    }
}
