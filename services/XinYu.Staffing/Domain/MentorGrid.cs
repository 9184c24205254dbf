using XinYu.Messaging.Copies;

namespace XinYu.Staffing.Domain;

/// <summary>The 心网格 ratio (settings section <c>Staffing:MentorGrid</c>); seed 001: every teacher mentors about 15 students.</summary>
public sealed class MentorGridOptions
{
    public int StudentsPerMentor { get; set; } = 15;
    /// <summary>The most students one assignment request may name.</summary>
    public int MaxStudentsPerRequest { get; set; } = 200;
}

/// <summary>A student of a school's class, as Records reported (ids only: Staffing holds no student personal data).</summary>
/// <remarks>A student who left is kept (so an older placement arriving late cannot bring them back) and counted nowhere.</remarks>
public sealed class RosterStudent : PlacedStudent;

/// <summary>A student's mentor (one per student).</summary>
public sealed class Mentorship
{
    public Guid StudentId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid StaffId { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}

public sealed record MentorLoad(Guid StaffId, string DisplayName, int Students, bool OverRatio);

public sealed record MentorGrid(int Students, int StudentsWithMentor, int StudentsWithoutMentor, decimal CoverageShare, int Ratio,
    int MentorsNeeded, IReadOnlyList<MentorLoad> Mentors, IReadOnlyList<Guid> WithoutMentor)
{
    public IEnumerable<MentorLoad> OverRatio => Mentors.Where(m => m.OverRatio);
}

/// <summary>
/// The 1:15 mentor grid. Rules: every current student of the school should have one mentor; a mentor's load is the
/// number of the school's current students they mentor, over the ratio when above it (15 is allowed); mentors needed =
/// ⌈students ÷ ratio⌉. A mentorship of a student who left or moved to another school does not count (and is removed
/// when Records says so).
/// </summary>
public static class MentorGridRules
{
    public static MentorGrid Compute(IReadOnlyCollection<RosterStudent> students, IReadOnlyCollection<Mentorship> mentorships, IReadOnlyCollection<StaffMember> staff, MentorGridOptions o)
    {
        var current = students.Select(s => s.StudentId).ToHashSet();
        var counted = mentorships.Where(m => current.Contains(m.StudentId)).ToList();
        var mentored = counted.Select(m => m.StudentId).ToHashSet();
        var names = staff.ToDictionary(s => s.Id, s => s.DisplayName);
        var loads = counted.GroupBy(m => m.StaffId)
            .Select(g => new MentorLoad(g.Key, names.GetValueOrDefault(g.Key, ""), g.Count(), g.Count() > o.StudentsPerMentor))
            .OrderByDescending(m => m.Students).ThenBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
        var without = students.Where(s => !mentored.Contains(s.StudentId)).OrderBy(s => s.ClassId).ThenBy(s => s.StudentId).Select(s => s.StudentId).ToList();
        return new MentorGrid(students.Count, mentored.Count, without.Count, CertificateCoverageRules.Share(mentored.Count, students.Count), o.StudentsPerMentor,
            (students.Count + o.StudentsPerMentor - 1) / o.StudentsPerMentor, loads, without);
    }
}
