using XinYu.Staffing.Apis;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class LessonRulesTests
{
    private static readonly LessonOptions Seed = new();
    private static readonly Term Autumn = new() { TermId = Guid.NewGuid(), SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 1), EndsOn = new(2027, 1, 20) };

    [Theory]
    [InlineData("2026-08-31", 0)]  // before the term
    [InlineData("2026-09-13", 0)]  // 13 days: no complete fortnight
    [InlineData("2026-09-14", 1)]  // 14 days
    [InlineData("2027-01-15", 9)]  // Sept 30 + Oct 31 + Nov 30 + Dec 31 + Jan 15 = 137 days → ⌊137 / 14⌋ = 9
    [InlineData("2027-06-01", 10)] // after the term: its 142 days → ⌊142 / 14⌋ = 10
    public void One_lesson_is_expected_per_complete_fortnight_of_the_term_so_far(string today, int expected) =>
        Assert.Equal(expected, LessonRules.Expected(Autumn, DateOnly.Parse(today), Seed));

    [Fact]
    public void A_class_meets_the_standard_with_as_many_psych_lessons_as_expected()
    {
        var school = School.Register(Guid.NewGuid(), new SchoolDetails("一中", "A1", SchoolLevel.Junior, true, false, 100, true));
        var x = SchoolClass.Open(school, 7, "七(1)班", 2026, 2027);
        var y = SchoolClass.Open(school, 8, "八(1)班", 2025, 2027);
        HeldActivity Lesson(SchoolClass c, DateOnly on, string kind = "psych-lesson") => new() { Id = Guid.NewGuid(), ClassId = c.Id, Kind = kind, HeldOn = on };
        var activities = new[]
        {
            Lesson(x, new(2026, 9, 2)), Lesson(x, new(2026, 9, 20)),
            Lesson(y, new(2026, 9, 3)), Lesson(y, new(2026, 9, 4), "lecture"), Lesson(y, new(2026, 8, 30)), // a lecture and a lesson before the term don't count
        };
        // 28 days into the term: 2 expected.
        var rows = LessonRules.PerClass([x, y], activities, Autumn, new(2026, 9, 28), Seed);
        Assert.Equal((2, 2, 0, true), (rows[0].Given, rows[0].Expected, rows[0].Short, rows[0].MeetsStandard));
        Assert.Equal((1, 2, 1, false), (rows[1].Given, rows[1].Expected, rows[1].Short, rows[1].MeetsStandard));
        // A weekly standard (a setting) expects 4.
        Assert.Equal(4, LessonRules.Expected(Autumn, new(2026, 9, 28), new LessonOptions { PeriodDays = 7 }));
    }
}

[Trait("Category", "Unit")]
public sealed class MentorGridRulesTests
{
    [Fact]
    public void Loads_over_the_ratio_students_without_a_mentor_and_mentors_needed()
    {
        var bureau = Guid.NewGuid();
        var schoolId = Guid.NewGuid();
        var classId = Guid.NewGuid();
        var a = StaffMember.Register(bureau, schoolId, "甲", [StaffRole.SubjectTeacher], new(2015, 9, 1));
        var b = StaffMember.Register(bureau, schoolId, "乙", [StaffRole.HeadTeacher], new(2015, 9, 1));
        var students = Enumerable.Range(0, 20).Select(_ => new RosterStudent { StudentId = Guid.NewGuid(), SchoolId = schoolId, ClassId = classId }).ToList();
        Mentorship M(RosterStudent s, StaffMember m) => new() { StudentId = s.StudentId, SchoolId = schoolId, StaffId = m.Id };
        // a mentors 16 (over 15), b mentors 2, 2 students have none; a mentorship of a student no longer on the roll is ignored.
        var mentorships = students.Take(16).Select(s => M(s, a)).Concat(students.Skip(16).Take(2).Select(s => M(s, b)))
            .Append(new Mentorship { StudentId = Guid.NewGuid(), SchoolId = schoolId, StaffId = b.Id }).ToList();

        var grid = MentorGridRules.Compute(students, mentorships, [a, b], new MentorGridOptions());

        Assert.Equal((20, 18, 2, 0.9m), (grid.Students, grid.StudentsWithMentor, grid.StudentsWithoutMentor, grid.CoverageShare));
        Assert.Equal(2, grid.MentorsNeeded); // ⌈20 / 15⌉
        Assert.Equal([(a.Id, 16, true), (b.Id, 2, false)], grid.Mentors.Select(m => (m.StaffId, m.Students, m.OverRatio)));
        Assert.Equal(students.Skip(18).Select(s => s.StudentId).Order(), grid.WithoutMentor.Order());
        Assert.Equal(a.Id, Assert.Single(grid.OverRatio).StaffId);
        // 15 is allowed; a ratio of 20 (a setting) puts nobody over.
        Assert.Empty(MentorGridRules.Compute(students, mentorships, [a, b], new MentorGridOptions { StudentsPerMentor = 20 }).OverRatio);
    }
}

[Trait("Category", "Unit")]
public sealed class SupervisionExportTests
{
    [Theory]
    [InlineData("一中", "一中")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-1.5", "-1.5")]
    public void Csv_fields_are_quoted_and_formulas_defused(string value, string field) =>
        Assert.Equal(field, SupervisionExport.Field(value));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    public void Spreadsheet_column_names(int index, string name) => Assert.Equal(name, SupervisionExport.ColumnName(index));
}
