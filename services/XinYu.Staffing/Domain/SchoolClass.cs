namespace XinYu.Staffing.Domain;

/// <summary>A class (班级) of a school. Students, warnings and head teachers' access are attached to it by id.</summary>
public sealed class SchoolClass
{
    private SchoolClass() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    /// <summary>1–12, counted from the first year of primary, within the school's level.</summary>
    public int Grade { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>入学年份: the year the class's students entered the school.</summary>
    public int EntryYear { get; private set; }
    /// <summary>The head teacher (班主任), if assigned; kept in step with the head-teacher assignment.</summary>
    public Guid? HeadTeacherId { get; private set; }
    public bool IsClosed { get; private set; }

    public static SchoolClass Open(School school, int grade, string? name, int entryYear, int currentYear)
    {
        DirectoryRules.GradeMustFitSchoolLevel(school.Level, grade);
        DirectoryRules.EntryYearMustBePlausible(entryYear, currentYear);
        return new SchoolClass
        {
            Id = Guid.CreateVersion7(),
            SchoolId = school.Id,
            Grade = grade,
            Name = DirectoryRules.NameMustBeGiven("name", name),
            EntryYear = entryYear,
        };
    }

    /// <summary>Closing is final (graduation, merger); the class and its history stay for the records that refer to it.</summary>
    public void Close()
    {
        DirectoryRules.ClassMustBeOpen(this);
        IsClosed = true;
    }

    public ClassAssignment Assign(StaffMember staff, AssignmentKind kind, IEnumerable<ClassAssignment> existing, DateTimeOffset now)
    {
        DirectoryRules.ClassMustBeOpen(this);
        DirectoryRules.StaffMustBelongToTheClassSchool(staff, this);
        DirectoryRules.AssignmentMustNotClash(existing, staff.Id, kind);
        if (kind == AssignmentKind.HeadTeacher) HeadTeacherId = staff.Id;
        return new ClassAssignment(Guid.CreateVersion7(), Id, staff.Id, kind, now);
    }
}

/// <summary>A staff member working with a class in one way.</summary>
public sealed record ClassAssignment(Guid Id, Guid ClassId, Guid StaffId, AssignmentKind Kind, DateTimeOffset AssignedAt);
