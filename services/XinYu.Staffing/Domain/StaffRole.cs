namespace XinYu.Staffing.Domain;

/// <summary>What a staff member is, for staffing standards and training minimums (domain.md, 队伍建设).</summary>
public enum StaffRole
{
    /// <summary>专职心理健康教育教师</summary>
    FullTimePsych,
    /// <summary>兼职心理健康教育教师</summary>
    PartTimePsych,
    /// <summary>骨干教师</summary>
    KeyTeacher,
    /// <summary>班主任</summary>
    HeadTeacher,
    /// <summary>学科教师</summary>
    SubjectTeacher,
    /// <summary>新入职教师</summary>
    NewHire,
    /// <summary>校长/书记</summary>
    Principal,
    /// <summary>教研员: the bureau's research staff, attached to no school.</summary>
    ResearchStaff,
}

public static class StaffRoles
{
    private static readonly Dictionary<string, StaffRole> ByName = new(StringComparer.Ordinal)
    {
        ["full-time-psych"] = StaffRole.FullTimePsych,
        ["part-time-psych"] = StaffRole.PartTimePsych,
        ["key-teacher"] = StaffRole.KeyTeacher,
        ["head-teacher"] = StaffRole.HeadTeacher,
        ["subject-teacher"] = StaffRole.SubjectTeacher,
        ["new-hire"] = StaffRole.NewHire,
        ["principal"] = StaffRole.Principal,
        ["research-staff"] = StaffRole.ResearchStaff,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out StaffRole role) => ByName.TryGetValue(name ?? "", out role);

    public static string ToName(this StaffRole role) => ByName.First(pair => pair.Value == role).Key;
}

/// <summary>How a staff member works with a class.</summary>
public enum AssignmentKind
{
    /// <summary>班主任: at most one per class.</summary>
    HeadTeacher,
    /// <summary>学科教师</summary>
    SubjectTeacher,
    /// <summary>心网格 mentor (seed 001: every teacher mentors about 15 students).</summary>
    Mentor,
}

public static class AssignmentKinds
{
    private static readonly Dictionary<string, AssignmentKind> ByName = new(StringComparer.Ordinal)
    {
        ["head-teacher"] = AssignmentKind.HeadTeacher,
        ["subject-teacher"] = AssignmentKind.SubjectTeacher,
        ["mentor"] = AssignmentKind.Mentor,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out AssignmentKind kind) => ByName.TryGetValue(name ?? "", out kind);

    public static string ToName(this AssignmentKind kind) => ByName.First(pair => pair.Value == kind).Key;
}
