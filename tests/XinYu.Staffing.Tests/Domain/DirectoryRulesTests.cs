using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class DirectoryRulesTests
{
    private static readonly Guid Bureau = Guid.NewGuid();

    private static School SchoolOf(SchoolLevel level) =>
        School.Register(Bureau, new SchoolDetails("第一中学", "3301000001", level, IsUrban: true, IsBoarding: false, StudentCount: 1200, IsLegalEntity: true));

    private static StaffMember TeacherOf(School school) =>
        StaffMember.Register(Bureau, school.Id, "王老师", [StaffRole.SubjectTeacher], new DateOnly(2020, 9, 1));

    private static string FieldOf(Action act) => Assert.Throws<DirectoryRuleException>(act).Field;

    [Theory]
    [InlineData(SchoolLevel.Primary, 1, 6)]
    [InlineData(SchoolLevel.Junior, 7, 9)]
    [InlineData(SchoolLevel.Senior, 10, 12)]
    [InlineData(SchoolLevel.NineYear, 1, 9)]
    [InlineData(SchoolLevel.TwelveYear, 1, 12)]
    [InlineData(SchoolLevel.Vocational, 10, 12)]
    public void A_grade_must_fit_the_school_level(SchoolLevel level, int first, int last)
    {
        for (var grade = 0; grade <= 13; grade++)
        {
            var fits = grade >= first && grade <= last;
            var g = grade;
            if (fits) DirectoryRules.GradeMustFitSchoolLevel(level, g);
            else Assert.Equal("grade", FieldOf(() => DirectoryRules.GradeMustFitSchoolLevel(level, g)));
        }
    }

    [Fact]
    public void Opening_a_class_outside_the_school_level_is_refused()
    {
        var junior = SchoolOf(SchoolLevel.Junior);
        Assert.Equal("grade", FieldOf(() => SchoolClass.Open(junior, 3, "三(1)班", 2024, 2026)));
        Assert.Equal(8, SchoolClass.Open(junior, 8, "八(1)班", 2025, 2026).Grade);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2028)]
    public void An_entry_year_must_be_a_real_school_year(int entryYear) =>
        Assert.Equal("entryYear", FieldOf(() => SchoolClass.Open(SchoolOf(SchoolLevel.Primary), 1, "一(1)班", entryYear, currentYear: 2026)));

    [Fact]
    public void A_class_has_at_most_one_head_teacher()
    {
        var school = SchoolOf(SchoolLevel.Primary);
        var schoolClass = SchoolClass.Open(school, 2, "二(1)班", 2025, 2026);
        var first = TeacherOf(school);
        var second = TeacherOf(school);
        var assigned = schoolClass.Assign(first, AssignmentKind.HeadTeacher, [], DateTimeOffset.UtcNow);
        Assert.Equal(first.Id, schoolClass.HeadTeacherId);

        Assert.Equal("kind", FieldOf(() => schoolClass.Assign(second, AssignmentKind.HeadTeacher, [assigned], DateTimeOffset.UtcNow)));
        Assert.Equal(first.Id, schoolClass.HeadTeacherId);
        // The same class may have many subject teachers and mentors besides.
        schoolClass.Assign(second, AssignmentKind.SubjectTeacher, [assigned], DateTimeOffset.UtcNow);
    }

    [Fact]
    public void The_same_assignment_is_not_made_twice()
    {
        var school = SchoolOf(SchoolLevel.Primary);
        var schoolClass = SchoolClass.Open(school, 2, "二(1)班", 2025, 2026);
        var teacher = TeacherOf(school);
        var mentor = schoolClass.Assign(teacher, AssignmentKind.Mentor, [], DateTimeOffset.UtcNow);
        Assert.Equal("staffId", FieldOf(() => schoolClass.Assign(teacher, AssignmentKind.Mentor, [mentor], DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void A_staff_member_of_one_school_cannot_be_assigned_to_another_school_class()
    {
        var schoolA = SchoolOf(SchoolLevel.Primary);
        var schoolB = SchoolOf(SchoolLevel.Primary);
        var classOfB = SchoolClass.Open(schoolB, 1, "一(1)班", 2026, 2026);
        Assert.Equal("staffId", FieldOf(() => classOfB.Assign(TeacherOf(schoolA), AssignmentKind.HeadTeacher, [], DateTimeOffset.UtcNow)));
        Assert.Null(classOfB.HeadTeacherId);
    }

    [Fact]
    public void A_closed_class_takes_no_assignments_and_cannot_be_closed_again()
    {
        var school = SchoolOf(SchoolLevel.Senior);
        var schoolClass = SchoolClass.Open(school, 12, "高三(1)班", 2024, 2026);
        schoolClass.Close();
        Assert.True(schoolClass.IsClosed);
        Assert.Equal("classId", FieldOf(() => schoolClass.Assign(TeacherOf(school), AssignmentKind.Mentor, [], DateTimeOffset.UtcNow)));
        Assert.Equal("classId", FieldOf(schoolClass.Close));
    }

    [Fact]
    public void Research_staff_belong_to_the_bureau_and_everyone_else_to_a_school()
    {
        var school = Guid.NewGuid();
        var day = new DateOnly(2021, 9, 1);
        Assert.Null(StaffMember.Register(Bureau, null, "李教研员", [StaffRole.ResearchStaff], day).SchoolId);
        Assert.Equal("roles", FieldOf(() => StaffMember.Register(Bureau, school, "李教研员", [StaffRole.ResearchStaff], day)));
        Assert.Equal("schoolId", FieldOf(() => StaffMember.Register(Bureau, null, "王老师", [StaffRole.SubjectTeacher], day)));
        Assert.Equal("roles", FieldOf(() => StaffMember.Register(Bureau, school, "王老师", [], day)));
        // Names are checked by the suite's one text check, which answers 400 itself (RequestValidation).
        Assert.Equal("displayName", Assert.Throws<RequestRejectedException>(() => StaffMember.Register(Bureau, school, "  ", [StaffRole.Principal], day)).Field);
    }

    [Theory]
    [InlineData("第一\n中学")]
    [InlineData("第一\t中学")]
    [InlineData("第一\u0007中学")]
    public void A_name_is_one_line_without_control_characters(string name)
    {
        // Until issue #16 a school, class or staff name was only trimmed and measured.
        Assert.Equal("name", Assert.Throws<RequestRejectedException>(() =>
            School.Register(Bureau, new SchoolDetails(name, "3301000001", SchoolLevel.Junior, true, false, 1200, true))).Field);
        Assert.Equal("name", Assert.Throws<RequestRejectedException>(() => SchoolClass.Open(SchoolOf(SchoolLevel.Junior), 7, name, 2025, 2026)).Field);
        Assert.Equal("displayName", Assert.Throws<RequestRejectedException>(() =>
            StaffMember.Register(Bureau, Guid.NewGuid(), name, [StaffRole.SubjectTeacher], new DateOnly(2020, 9, 1))).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("学校")]
    [InlineData("123456789012345678901234567890123")]
    public void A_school_code_is_letters_digits_and_dashes(string code) =>
        Assert.Equal("code", FieldOf(() => DirectoryRules.SchoolCodeMustBeWellFormed(code)));

    [Theory]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void A_student_count_must_be_plausible(int count) =>
        Assert.Equal("studentCount", FieldOf(() => DirectoryRules.StudentCountMustBePlausible(count)));

    [Fact]
    public void A_school_cannot_change_to_a_level_its_open_classes_do_not_fit()
    {
        var school = SchoolOf(SchoolLevel.NineYear);
        var junior = new SchoolDetails(school.Name, school.Code, SchoolLevel.Junior, true, false, 800, true);
        Assert.Equal("level", FieldOf(() => school.Update(junior, existingGrades: [3, 8])));
        Assert.Equal(SchoolLevel.NineYear, school.Level);
        school.Update(junior, existingGrades: [7, 8]);
        Assert.Equal(SchoolLevel.Junior, school.Level);
    }

    [Fact]
    public void Wire_names_round_trip()
    {
        Assert.All(Enum.GetValues<SchoolLevel>(), l => Assert.True(SchoolLevels.TryParse(l.ToName(), out var back) && back == l));
        Assert.All(Enum.GetValues<StaffRole>(), r => Assert.True(StaffRoles.TryParse(r.ToName(), out var back) && back == r));
        Assert.All(Enum.GetValues<AssignmentKind>(), k => Assert.True(AssignmentKinds.TryParse(k.ToName(), out var back) && back == k));
        Assert.False(SchoolLevels.TryParse("NineYear", out _));
    }
}
