using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class TrainingRulesTests
{
    private static readonly TrainingOptions Seed = new();
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly Guid SchoolId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2027, 6, 1); // the school date at Now (10:00 in Beijing)

    private static School TheSchool() =>
        School.Register(Bureau, new SchoolDetails("一中", "A1", SchoolLevel.Junior, true, false, 100, true));

    private static StaffMember Teacher(string name, DateOnly hired, params StaffRole[] roles) =>
        StaffMember.Register(Bureau, SchoolId, name, roles, hired);

    private static TrainingRecord Training(StaffMember staff, decimal hours, DateOnly on) =>
        TrainingRecord.Record(staff, "心理健康教育", "市教研室", hours, on, "CERT-1", Now, Today);

    [Theory]
    [InlineData("2026-08-31", 2025)]
    [InlineData("2026-09-01", 2026)]
    [InlineData("2027-01-15", 2026)]
    public void The_school_year_starts_on_1_September(string day, int year) =>
        Assert.Equal(year, TrainingRules.SchoolYearOf(DateOnly.Parse(day), Seed));

    [Fact]
    public void The_school_year_start_is_a_setting() =>
        Assert.Equal(2026, TrainingRules.SchoolYearOf(new DateOnly(2026, 8, 20), new TrainingOptions { SchoolYearStartMonth = 8, SchoolYearStartDay = 15 }));

    [Fact]
    public void A_key_teacher_who_is_also_a_head_teacher_is_held_to_the_higher_minimum()
    {
        var key = Teacher("骨干", new DateOnly(2010, 9, 1), StaffRole.KeyTeacher, StaffRole.HeadTeacher);
        // 30 h in the school year 2026 (Sept 2026–Aug 2027); 15 h on 2026-08-20 belong to 2025 and do not count.
        var result = TrainingRules.Assess(key, [Training(key, 30, new(2026, 12, 1)), Training(key, 15, new(2026, 8, 20))], 2026, Seed);
        Assert.Equal((30m, 40m, 10m, "key-teacher"), (result.Hours, result.Required, result.Short, result.BindingRole));
    }

    [Fact]
    public void A_new_hire_counts_only_hours_before_starting_and_the_worst_shortfall_of_the_roles_binds()
    {
        var hired = new DateOnly(2026, 9, 1);
        var newHire = Teacher("新人", hired, StaffRole.SubjectTeacher, StaffRole.NewHire);
        // New-hire role: 3 h on 2026-08-25 (before starting) → short 5 − 3 = 2.
        // Subject role: hours within 2026–2027 = 0 → short 5 − 0 = 5. The larger shortfall binds: 5 (subject-teacher).
        var result = TrainingRules.Assess(newHire, [Training(newHire, 3, new(2026, 8, 25))], 2026, Seed);
        Assert.Equal((0m, 5m, 5m, "subject-teacher"), (result.Hours, result.Required, result.Short, result.BindingRole));

        // With 4 more hours in October: subject 4 → short 1; new hire still 3 before starting → short 2: the new-hire rule binds.
        var later = TrainingRules.Assess(newHire, [Training(newHire, 3, new(2026, 8, 25)), Training(newHire, 4, new(2026, 10, 1))], 2026, Seed);
        Assert.Equal((4m, 2m, "new-hire"), (later.Hours, later.Short, later.BindingRole));

        // The next school year, the new-hire minimum no longer applies.
        Assert.Equal(5m, TrainingRules.Assess(newHire, [], 2027, Seed).Short);
        Assert.Equal("subject-teacher", TrainingRules.Assess(newHire, [], 2027, Seed).BindingRole);
    }

    [Fact]
    public void Principals_have_no_minimum_here_and_a_full_time_psych_teacher_needs_20()
    {
        var principal = Teacher("校长", new DateOnly(2000, 9, 1), StaffRole.Principal);
        Assert.Equal((0m, 0m), (TrainingRules.Assess(principal, [], 2026, Seed).Required, TrainingRules.Assess(principal, [], 2026, Seed).Short));
        var psych = Teacher("心理", new DateOnly(2015, 9, 1), StaffRole.FullTimePsych);
        var result = TrainingRules.Assess(psych, [Training(psych, 12, new(2026, 10, 10)), Training(psych, 6, new(2026, 11, 20))], 2026, Seed);
        Assert.Equal((18m, 20m, 2m), (result.Hours, result.Required, result.Short));
    }

    [Fact]
    public void Subject_participation_is_the_share_of_subject_teachers_with_any_hours_in_the_year()
    {
        var s1 = Teacher("甲", new DateOnly(2015, 9, 1), StaffRole.SubjectTeacher);
        var s2 = Teacher("乙", new DateOnly(2015, 9, 1), StaffRole.SubjectTeacher);
        var s3 = Teacher("丙", new DateOnly(2015, 9, 1), StaffRole.SubjectTeacher);
        var principal = Teacher("校长", new DateOnly(2000, 9, 1), StaffRole.Principal);
        // s1 5 h (meets), s2 2 h (takes part, short 3), s3 only last year: 2 of 3 take part → 0.6667.
        var records = new[] { Training(s1, 5, new(2026, 9, 10)), Training(s2, 2, new(2027, 3, 1)), Training(s3, 8, new(2026, 5, 1)) };
        var school = TrainingRules.AssessSchool([s1, s2, s3, principal], records, 2026, Seed);
        Assert.Equal((3, 2, 0.6667m, false), (school.SubjectTeachers, school.SubjectTeachersParticipating, school.SubjectParticipationRate, school.SubjectParticipationComplete));
        Assert.Equal(3, school.Teachers); // the principal has no teaching role
        Assert.Equal(1, school.TeachersMeetingMinimum);
        Assert.Equal([(s2.Id, 3m), (s3.Id, 5m)], school.ShortOfMinimum.Select(t => (t.StaffId, t.Short)).OrderBy(x => x.Item2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(200.25)]
    [InlineData(1.1)]
    public void Implausible_hours_are_refused(decimal hours)
    {
        var s = Teacher("甲", new DateOnly(2015, 9, 1), StaffRole.SubjectTeacher);
        Assert.Equal("hours", Assert.Throws<DirectoryRuleException>(() => Training(s, hours, new(2026, 9, 10))).Field);
    }

    [Fact]
    public void A_training_in_the_future_or_for_research_staff_is_refused()
    {
        var s = Teacher("甲", new DateOnly(2015, 9, 1), StaffRole.SubjectTeacher);
        Assert.Equal("completedOn", Assert.Throws<DirectoryRuleException>(() => Training(s, 2, new(2027, 6, 2))).Field);
        var research = StaffMember.Register(Bureau, null, "教研员", [StaffRole.ResearchStaff], new DateOnly(2015, 9, 1));
        Assert.Equal("staffId", Assert.Throws<DirectoryRuleException>(() => Training(research, 2, new(2026, 9, 10))).Field);
        _ = TheSchool();
    }
}
