using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class CertificateCoverageRulesTests
{
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly Guid SchoolId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2027, 1, 15);

    private static StaffMember Staff(params StaffRole[] roles) => StaffMember.Register(Bureau, SchoolId, "某老师", roles, new DateOnly(2015, 9, 1));

    [Fact]
    public void Coverage_counts_valid_c_or_b_for_teachers_b_for_head_teachers_and_lists_what_expires_within_the_window()
    {
        var psych = Staff(StaffRole.FullTimePsych);
        var head = Staff(StaffRole.KeyTeacher, StaffRole.HeadTeacher);
        var lapsed = Staff(StaffRole.SubjectTeacher);
        var none = Staff(StaffRole.SubjectTeacher);
        var principal = Staff(StaffRole.Principal);
        var certificates = new[]
        {
            Certificate.Record(psych, CertificateKind.CCertificate, new(2020, 1, 1), null, Now, Today),
            Certificate.Record(psych, CertificateKind.CounsellingQualification, new(2021, 3, 1), new(2027, 3, 1), Now, Today), // expires in 45 days
            Certificate.Record(head, CertificateKind.BCertificate, new(2022, 5, 1), new(2027, 5, 1), Now, Today),             // 106 days: not soon
            Certificate.Record(lapsed, CertificateKind.CCertificate, new(2019, 1, 1), new(2026, 12, 31), Now, Today),         // expired
        };

        var coverage = CertificateCoverageRules.Compute([psych, head, lapsed, none, principal], certificates, Today, expiringWithinDays: 90);

        // Teachers: psych, head, lapsed, none = 4 (the principal is not one). With C (or B): psych, head = 2 → 2/4 = 0.5.
        Assert.Equal((4, 2, 0.5m), (coverage.Teachers, coverage.TeachersWithC, coverage.CShare));
        // Head teachers: 1, with B: 1 → 1.0.
        Assert.Equal((1, 1, 1m), (coverage.HeadTeachers, coverage.HeadTeachersWithB, coverage.BShareOfHeadTeachers));
        Assert.Equal(1, coverage.CounsellingQualified);
        Assert.Equal(new[] { lapsed.Id, none.Id }.Order(), coverage.TeachersWithoutC.Order());
        var expiring = Assert.Single(coverage.ExpiringSoon);
        Assert.Equal((psych.Id, CertificateKind.CounsellingQualification), (expiring.StaffId, expiring.Kind));

        // Widen the window to 120 days and the B certificate joins.
        Assert.Equal(2, CertificateCoverageRules.Compute([psych, head], certificates, Today, 120).ExpiringSoon.Count);
    }

    [Fact]
    public void A_certificate_is_valid_through_its_expiry_day()
    {
        var s = Staff(StaffRole.SubjectTeacher);
        var c = Certificate.Record(s, CertificateKind.CCertificate, new(2020, 1, 1), new(2027, 1, 15), Now, Today);
        Assert.True(c.IsValidOn(new(2027, 1, 15)));
        Assert.False(c.IsValidOn(new(2027, 1, 16)));
        Assert.False(c.IsValidOn(new(2019, 12, 31)));
    }

    [Fact]
    public void Certificate_dates_are_checked()
    {
        var s = Staff(StaffRole.SubjectTeacher);
        string Field(DateOnly issued, DateOnly? expires) =>
            Assert.Throws<DirectoryRuleException>(() => Certificate.Record(s, CertificateKind.CCertificate, issued, expires, Now, Today)).Field;
        Assert.Equal("issuedOn", Field(new(2027, 1, 16), null));
        Assert.Equal("issuedOn", Field(new(1979, 12, 31), null));
        Assert.Equal("expiresOn", Field(new(2020, 1, 1), new(2020, 1, 1)));
        Assert.Equal("expiresOn", Field(new(2020, 1, 1), new(2051, 1, 1)));
    }
}

[Trait("Category", "Unit")]
public sealed class WorkloadRulesTests
{
    private static readonly WorkloadOptions Seed = new();

    [Theory]
    [InlineData("individual", 50, 1)]      // one session = 1 class hour, whatever its length
    [InlineData("individual", 20, 1)]
    [InlineData("group", 90, 2)]           // 90 / 45
    [InlineData("group", 60, 1.33)]        // 60 / 45 = 1.333… → 1.33
    public void Counselling_sessions(string kind, int minutes, decimal hours) =>
        Assert.Equal(hours, WorkloadRules.ForSession(kind, minutes, Seed));

    [Theory]
    [InlineData("psych-lesson", 40, 1)]
    [InlineData("lecture", 120, 2.67)]     // 120 / 45 = 2.666… → 2.67
    [InlineData("group-session", 45, 1)]
    [InlineData("parent-meeting", 60, 0)]
    [InlineData("campaign-day", 300, 0)]
    public void Activities(string kind, int minutes, decimal hours) =>
        Assert.Equal(hours, WorkloadRules.ForActivity(kind, minutes, Seed));

    [Fact]
    public void The_class_hour_length_and_extra_kinds_are_settings()
    {
        var o = new WorkloadOptions { ClassHourMinutes = 40, AlsoCountedActivityKinds = ["parent-school"] };
        Assert.Equal(2m, WorkloadRules.ForSession("group", 80, o));
        Assert.Equal(1.5m, WorkloadRules.ForActivity("parent-school", 60, o));
        Assert.Equal(0m, WorkloadRules.ForActivity("drill", 60, o));
    }

    [Fact]
    public void A_term_sums_the_entries_held_within_it_inclusive()
    {
        var bureau = Guid.NewGuid();
        var staff = StaffMember.Register(bureau, Guid.NewGuid(), "心理老师", [StaffRole.FullTimePsych], new DateOnly(2015, 9, 1));
        var term = new Term { TermId = Guid.NewGuid(), BureauId = bureau, SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 1), EndsOn = new(2027, 1, 20) };
        WorkloadEntry Entry(string source, string kind, DateOnly on, decimal hours) => new()
        {
            Id = Guid.NewGuid(), BureauId = bureau, StaffId = staff.Id, Source = source, SourceId = Guid.NewGuid(), Kind = kind, HeldOn = on, ClassHours = hours,
        };
        var entries = new[]
        {
            Entry(WorkloadSources.Session, "individual", new(2026, 9, 1), 1),     // first day: in
            Entry(WorkloadSources.Session, "group", new(2027, 1, 20), 2),         // last day: in
            Entry(WorkloadSources.Activity, "psych-lesson", new(2026, 10, 1), 1),
            Entry(WorkloadSources.Activity, "lecture", new(2026, 11, 1), 2.67m),
            Entry(WorkloadSources.Session, "individual", new(2027, 1, 21), 1),    // after: out
        };
        var row = Assert.Single(WorkloadRules.PerTeacher([staff], entries, term));
        // 1 + 2 + 1 + 2.67 = 6.67
        Assert.Equal((6.67m, 1, 1, 1, 2.67m), (row.ClassHours, row.IndividualSessions, row.GroupSessions, row.PsychLessons, row.OtherActivityHours));
    }
}
