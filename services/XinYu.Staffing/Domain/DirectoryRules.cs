using XinYu.ServiceDefaults.Http;
namespace XinYu.Staffing.Domain;

/// <summary>
/// The directory's rules, each named for what it guarantees and each unit-tested. They throw
/// <see cref="DirectoryRuleException"/> naming the field at fault; the entities call them before changing anything.
/// </summary>
public static class DirectoryRules
{
    public const int MaxNameLength = 100;
    public const int MaxCodeLength = 32;

    /// <summary>A name is given, trimmed, one line (RequestValidation.SingleLine), and short enough to show.</summary>
    public static string NameMustBeGiven(string field, string? name) =>
        RequestValidation.SingleLine(name, field, MaxNameLength, $"Give a name of 1 to {MaxNameLength} characters.");

    /// <summary>
    /// A school's code (e.g. the 10-digit national school identification code, 学校标识码) identifies it within its
    /// bureau: letters, digits and dashes only, so it is safe in file names and exports.
    /// </summary>
    public static string SchoolCodeMustBeWellFormed(string? code)
    {
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxCodeLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new DirectoryRuleException("code", $"Give a code of 1 to {MaxCodeLength} letters, digits or dashes.");
        return trimmed;
    }

    /// <summary>
    /// Student count is never negative; it drives staffing standards and per-student spending (seed 003: 10 yuan per
    /// student a year), so a wrong one misleads the bureau. The ceiling only catches typing errors.
    /// </summary>
    public static void StudentCountMustBePlausible(int count)
    {
        if (count is < 0 or > 100_000)
            throw new DirectoryRuleException("studentCount", "Give a student count from 0 to 100000.");
    }

    /// <summary>A class's grade lies in the range its school's level teaches (<see cref="SchoolLevels.Grades"/>).</summary>
    public static void GradeMustFitSchoolLevel(SchoolLevel level, int grade)
    {
        var (first, last) = level.Grades();
        if (grade < first || grade > last)
            throw new DirectoryRuleException("grade", $"A {level.ToName()} school has grades {first} to {last}.");
    }

    /// <summary>An entry year (入学年份) is a real school year, and not one that has not started yet.</summary>
    public static void EntryYearMustBePlausible(int entryYear, int currentYear)
    {
        if (entryYear < 2000 || entryYear > currentYear + 1)
            throw new DirectoryRuleException("entryYear", $"Give an entry year from 2000 to {currentYear + 1}.");
    }

    /// <summary>
    /// Research staff (教研员) belong to the bureau and to no school; everyone else belongs to exactly one school.
    /// </summary>
    public static void ResearchStaffHaveNoSchool(Guid? schoolId, IReadOnlyCollection<StaffRole> roles)
    {
        if (roles.Count == 0)
            throw new DirectoryRuleException("roles", $"Give at least one role from: {string.Join(", ", StaffRoles.Names)}.");
        var research = roles.Contains(StaffRole.ResearchStaff);
        if (research && schoolId is not null)
            throw new DirectoryRuleException("roles", "Research staff (教研员) belong to the bureau, not to a school.");
        if (!research && schoolId is null)
            throw new DirectoryRuleException("schoolId", "Staff other than research staff belong to a school.");
    }

    /// <summary>A staff member of one school is never assigned to another school's class: access follows assignments.</summary>
    public static void StaffMustBelongToTheClassSchool(StaffMember staff, SchoolClass schoolClass)
    {
        if (staff.SchoolId != schoolClass.SchoolId)
            throw new DirectoryRuleException("staffId", "The staff member does not belong to this class's school.");
    }

    /// <summary>A closed class (graduated or merged) takes no new assignments.</summary>
    public static void ClassMustBeOpen(SchoolClass schoolClass)
    {
        if (schoolClass.IsClosed)
            throw new DirectoryRuleException("classId", "The class is closed.");
    }

    /// <summary>A class has at most one head teacher (班主任), and the same person is not assigned twice in one way.</summary>
    public static void AssignmentMustNotClash(IEnumerable<ClassAssignment> existing, Guid staffId, AssignmentKind kind)
    {
        foreach (var assignment in existing)
        {
            if (assignment.StaffId == staffId && assignment.Kind == kind)
                throw new DirectoryRuleException("staffId", $"The staff member is already this class's {kind.ToName()}.");
            if (kind == AssignmentKind.HeadTeacher && assignment.Kind == AssignmentKind.HeadTeacher)
                throw new DirectoryRuleException("kind", "The class already has a head teacher (班主任).");
        }
    }
}
