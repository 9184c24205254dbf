using XinYu.ServiceDefaults.Auth;

namespace XinYu.Records.Domain;

/// <summary>
/// Who sees which sections of a student's file, and whose files they reach (docs/access-matrix.md). Pure rules, so
/// they are tested without a database.
/// </summary>
public static class FileRules
{
    /// <summary>Roles that may open a file at all (the endpoint's policy); the sections then narrow it.</summary>
    public static readonly string[] FileReaders =
        [XinYuRoles.BureauAdmin, XinYuRoles.BureauOfficer, XinYuRoles.SchoolAdmin, XinYuRoles.Counsellor, XinYuRoles.HeadTeacher];

    private static readonly IReadOnlySet<string> CounsellorSections = Sections.All.ToHashSet();
    private static readonly IReadOnlySet<string> HeadTeacherSections =
        new HashSet<string> { Sections.Basic, Sections.Guardians, Sections.Warnings, Sections.Plans, Sections.HomeLiaison };
    private static readonly IReadOnlySet<string> SchoolAdminSections = new HashSet<string> { Sections.Basic, Sections.HandOvers };
    /// <summary>Bureau staff: de-identified facts (no name, number, birth date) and the warnings that reach the bureau.</summary>
    private static readonly IReadOnlySet<string> BureauSections = new HashSet<string> { Sections.Basic, Sections.Warnings };

    /// <summary>The sections <paramref name="caller"/> may see of a file they reach; the widest of their roles.</summary>
    public static IReadOnlySet<string> SectionsFor(CallerScope caller)
    {
        var sections = new HashSet<string>();
        if (caller.IsInRole(XinYuRoles.Counsellor)) sections.UnionWith(CounsellorSections);
        if (caller.IsInRole(XinYuRoles.HeadTeacher)) sections.UnionWith(HeadTeacherSections);
        if (caller.IsInRole(XinYuRoles.SchoolAdmin)) sections.UnionWith(SchoolAdminSections);
        if (caller.IsBureauStaff) sections.UnionWith(BureauSections);
        return sections;
    }

    /// <summary>Bureau staff see figures and de-identified facts, never names (unless they also hold a school role).</summary>
    public static bool SeesNames(CallerScope caller) =>
        caller.IsInRole(XinYuRoles.Counsellor) || caller.IsInRole(XinYuRoles.HeadTeacher) || caller.IsInRole(XinYuRoles.SchoolAdmin);

    /// <summary>
    /// Whether the caller reaches this student's file: the student's current school decides (after a hand-over the
    /// old school reaches nothing); a head teacher only their own classes; an archived file nobody through ordinary reads.
    /// </summary>
    public static bool Reaches(CallerScope caller, Student student) =>
        student.Status != StudentStatus.Archived
        && caller.CanReachSchool(student.BureauId, student.SchoolId)
        && (caller.IsBureauStaff || caller.IsInRole(XinYuRoles.Counsellor) || caller.IsInRole(XinYuRoles.SchoolAdmin)
            || (caller.IsInRole(XinYuRoles.HeadTeacher) && caller.ClassIds.Contains(student.ClassId)));
}
