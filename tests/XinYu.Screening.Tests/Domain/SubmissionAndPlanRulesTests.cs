using XinYu.Screening.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Domain;

/// <summary>The rules a submission and a plan meet, moved out of the handlers (issue #16, point 5).</summary>
public sealed class SubmissionAndPlanRulesTests
{
    private static readonly RiskLevels Levels = new(["none", "attention", "high", "crisis"], "high");
    private static readonly Guid Bureau = Guid.NewGuid(), School = Guid.NewGuid();
    private static readonly DateOnly Start = new(2026, 10, 1), End = new(2026, 10, 31);

    private static Campaign October() => new()
    {
        Id = Guid.NewGuid(), BureauId = Bureau, SchoolIds = [School], Grades = [7, 8], Instruments = ["phq-9@1"],
        WindowStart = Start, WindowEnd = End,
    };

    private static Student Pupil(int grade = 7, Guid? school = null, Guid? bureau = null, string level = "none") => new()
    {
        StudentId = Guid.NewGuid(), BureauId = bureau ?? Bureau, SchoolId = school ?? School, ClassId = Guid.NewGuid(), Grade = grade,
        Level = level, LevelRank = Levels.RankOf(level),
    };

    private static string RefusedField(Action rule) => Assert.Throws<ScreeningRuleException>(rule).Field;

    [Fact]
    public void A_campaign_accepts_its_schools_grades_and_instruments_inside_its_window()
    {
        SubmissionRules.CampaignAccepts(October(), Pupil(), "phq-9@1", Start);
        SubmissionRules.CampaignAccepts(October(), Pupil(grade: 8), "phq-9@1", End);
    }

    [Fact]
    public void A_campaign_refuses_results_outside_its_window()
    {
        Assert.Equal("campaignId", RefusedField(() => SubmissionRules.CampaignAccepts(October(), Pupil(), "phq-9@1", Start.AddDays(-1))));
        Assert.Equal("campaignId", RefusedField(() => SubmissionRules.CampaignAccepts(October(), Pupil(), "phq-9@1", End.AddDays(1))));
    }

    [Fact]
    public void A_campaign_refuses_another_grade_school_or_bureau_and_names_the_campaign()
    {
        Assert.Equal("campaignId", RefusedField(() => SubmissionRules.CampaignAccepts(October(), Pupil(grade: 9), "phq-9@1", Start)));
        Assert.Equal("campaignId", RefusedField(() => SubmissionRules.CampaignAccepts(October(), Pupil(school: Guid.NewGuid()), "phq-9@1", Start)));
        Assert.Equal("campaignId", RefusedField(() => SubmissionRules.CampaignAccepts(October(), Pupil(bureau: Guid.NewGuid()), "phq-9@1", Start)));
    }

    [Fact]
    public void A_campaign_refuses_an_instrument_or_version_it_does_not_use()
    {
        Assert.Equal("instrumentCode", RefusedField(() => SubmissionRules.CampaignAccepts(October(), Pupil(), "gad-7@1", Start)));
        Assert.Equal("instrumentCode", RefusedField(() => SubmissionRules.CampaignAccepts(October(), Pupil(), "phq-9@2", Start)));
    }

    [Fact]
    public void Without_consent_a_submission_is_refused_naming_the_student()
    {
        Assert.Equal("studentId", RefusedField(() => ConsentRules.ConsentGiven("screening", null, schoolNoticeSuffices: false)));
        Assert.Equal("studentId", RefusedField(() => ConsentRules.ConsentGiven("screening", false, schoolNoticeSuffices: true)));
        ConsentRules.ConsentGiven("screening", true, schoolNoticeSuffices: false);
    }

    [Fact]
    public void A_critical_item_proposes_the_crisis_level_and_leads_the_reasons()
    {
        var band = new SeverityBand("mild", 5, 9, "attention");
        var critical = new ScoreResult(6, band, new Dictionary<string, int>(), ["item-9"]);
        var plain = new ScoreResult(6, band, new Dictionary<string, int>(), []);
        Assert.Equal("crisis", SubmissionRules.ProposedLevel(Levels, critical));
        Assert.Equal("attention", SubmissionRules.ProposedLevel(Levels, plain));
        Assert.Equal(["critical-item:phq-9", "band:phq-9:mild"], SubmissionRules.Reasons("phq-9", critical));
        Assert.Equal(["band:phq-9:mild"], SubmissionRules.Reasons("phq-9", plain));
    }

    [Fact]
    public void A_student_has_one_open_plan_and_the_second_is_a_conflict()
    {
        PlanRules.OnePlanPerStudent(studentHasAnOpenPlan: false);
        Assert.Equal("studentId", Assert.Throws<ScreeningConflictException>(() => PlanRules.OnePlanPerStudent(true)).Field);
    }

    [Fact]
    public void A_closed_plan_takes_nothing_more()
    {
        var plan = new InterventionPlan { Id = Guid.NewGuid() };
        Assert.Same(plan, PlanRules.MustBeOpen(plan));
        plan.Status = PlanRules.Closed;
        Assert.Equal("planId", Assert.Throws<ScreeningConflictException>(() => PlanRules.MustBeOpen(plan)).Field);
    }

    [Fact]
    public void A_review_lowers_the_level_which_a_result_cannot()
    {
        Assert.False(RiskRules.Decide(Levels, "high", "none", false, []).Changed);
        var review = RiskRules.Review(Levels, "high", "attention");
        Assert.Equal(("high", "attention", true, false), (review.From, review.To, review.Changed, review.RaiseWarning));
        Assert.Equal(["review"], review.Reasons);
        Assert.False(RiskRules.Review(Levels, "high", "high").Changed);
        Assert.Equal("level", RefusedField(() => RiskRules.Review(Levels, "high", "severe")));
    }

    [Fact]
    public void The_registry_publishes_a_level_change_from_one_place_for_results_and_reviews()
    {
        // Both ways a level moves go through RiskRegistry: the handlers no longer publish RiskLevelChanged themselves.
        var source = Path.Combine(XinYu.Testing.RepositoryPaths.Root, "services", "XinYu.Screening");
        var publishers = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations"))
            .Where(f => File.ReadAllText(f).Contains("new RiskLevelChanged"))
            .Select(f => Path.GetRelativePath(source, f)).ToList();
        Assert.Equal([Path.Combine("Domain", "RiskRegistry.cs")], publishers);
    }
}
