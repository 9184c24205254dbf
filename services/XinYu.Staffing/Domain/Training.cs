using XinYu.ServiceDefaults.Http;
namespace XinYu.Staffing.Domain;

/// <summary>Yearly training minimums (settings section <c>Staffing:Training</c>); the defaults are seed 002's.</summary>
public sealed class TrainingOptions
{
    /// <summary>The school year starts on this month and day (default 1 September).</summary>
    public int SchoolYearStartMonth { get; set; } = 9;
    public int SchoolYearStartDay { get; set; } = 1;
    public decimal KeyTeacherHours { get; set; } = 40m;
    public decimal FullTimePsychHours { get; set; } = 20m;
    public decimal HeadTeacherHours { get; set; } = 10m;
    public decimal SubjectTeacherHours { get; set; } = 5m;
    /// <summary>New hires complete this many hours on or before their hire date (seed 002: "before starting").</summary>
    public decimal NewHireHours { get; set; } = 5m;
    /// <summary>Not in the seed: part-time psych teachers are held to the subject teachers' minimum unless set.</summary>
    public decimal PartTimePsychHours { get; set; } = 5m;
}

/// <summary>One training a staff member completed (course, provider, hours, date, and a reference to the evidence).</summary>
public sealed class TrainingRecord
{
    private TrainingRecord() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public Guid SchoolId { get; private set; }
    public Guid StaffId { get; private set; }
    public string Course { get; private set; } = "";
    public string Provider { get; private set; } = "";
    public decimal Hours { get; private set; }
    public DateOnly CompletedOn { get; private set; }
    /// <summary>Where the certificate of attendance is kept (a file number, a platform record id).</summary>
    public string EvidenceReference { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static TrainingRecord Record(StaffMember staff, string? course, string? provider, decimal hours, DateOnly completedOn, string? evidence, DateTimeOffset now, DateOnly today)
    {
        StaffingRules.StaffMustBelongToASchool(staff);
        var c = RequestValidation.SingleLine(course, "course", StaffingRules.MaxTextLength, StaffingRules.TextHint);
        var p = RequestValidation.SingleLine(provider, "provider", StaffingRules.MaxTextLength, StaffingRules.TextHint);
        StaffingRules.TrainingHoursMustBePlausible(hours);
        StaffingRules.TrainingDateMustBePlausible(completedOn, today);
        var e = RequestValidation.SingleLine(evidence, "evidenceReference", StaffingRules.MaxTextLength, StaffingRules.TextHint);
        return new TrainingRecord
        {
            Id = Guid.CreateVersion7(), BureauId = staff.BureauId, SchoolId = staff.SchoolId!.Value, StaffId = staff.Id,
            Course = c, Provider = p, Hours = hours, CompletedOn = completedOn, EvidenceReference = e, RecordedAt = now,
        };
    }
}

public sealed record TeacherTraining(Guid StaffId, string DisplayName, IReadOnlyList<string> Roles, decimal Hours, decimal Required, decimal Short, string? BindingRole);

public sealed record SchoolTraining(
    int SchoolYear,
    DateOnly From,
    DateOnly To,
    int Teachers,
    int TeachersMeetingMinimum,
    int SubjectTeachers,
    int SubjectTeachersParticipating,
    decimal SubjectParticipationRate,
    bool SubjectParticipationComplete,
    IReadOnlyList<TeacherTraining> TeacherResults)
{
    public IEnumerable<TeacherTraining> ShortOfMinimum => TeacherResults.Where(t => t.Short > 0);
}

/// <summary>
/// Training hours per school year (seed 002). Rules:
/// <list type="number">
/// <item>School year Y runs from Y-(start month)-(start day) to the day before the next one; it is named by its first
/// calendar year.</item>
/// <item>Each role has a minimum: key teacher 40, full-time psych 20, head teacher 10, subject teacher 5, part-time
/// psych 5 (as subject teachers); principals and research staff have none here. A yearly role counts the hours
/// completed within the school year.</item>
/// <item>The new-hire minimum (5) applies in the school year of the hire date and counts only hours completed on or
/// before the hire date ("before starting"), whenever they were completed.</item>
/// <item>A teacher with several roles is held to the highest minimum: required = the largest role minimum, and the
/// shortfall is the largest of the roles' shortfalls (minimum − hours counted for that role). The role that gives the
/// shortfall (or, when none, the highest minimum) is the binding role.</item>
/// <item>Subject-teacher participation (参训率) = subject teachers with any training hours in the year ÷ subject
/// teachers; the target is 100 %.</item>
/// </list>
/// </summary>
public static class TrainingRules
{
    public static int SchoolYearOf(DateOnly day, TrainingOptions o) =>
        day >= new DateOnly(day.Year, o.SchoolYearStartMonth, o.SchoolYearStartDay) ? day.Year : day.Year - 1;

    public static (DateOnly From, DateOnly To) SchoolYearSpan(int schoolYear, TrainingOptions o)
    {
        var from = new DateOnly(schoolYear, o.SchoolYearStartMonth, o.SchoolYearStartDay);
        return (from, from.AddYears(1).AddDays(-1));
    }

    public static decimal? YearlyMinimum(StaffRole role, TrainingOptions o) => role switch
    {
        StaffRole.KeyTeacher => o.KeyTeacherHours,
        StaffRole.FullTimePsych => o.FullTimePsychHours,
        StaffRole.HeadTeacher => o.HeadTeacherHours,
        StaffRole.SubjectTeacher => o.SubjectTeacherHours,
        StaffRole.PartTimePsych => o.PartTimePsychHours,
        _ => null,
    };

    public static TeacherTraining Assess(StaffMember staff, IReadOnlyCollection<TrainingRecord> records, int schoolYear, TrainingOptions o)
    {
        var (from, to) = SchoolYearSpan(schoolYear, o);
        var own = records.Where(r => r.StaffId == staff.Id).ToList();
        var yearHours = own.Where(r => r.CompletedOn >= from && r.CompletedOn <= to).Sum(r => r.Hours);
        var minima = new List<(StaffRole Role, decimal Minimum, decimal Counted)>();
        foreach (var role in staff.Roles)
        {
            if (YearlyMinimum(role, o) is { } minimum) minima.Add((role, minimum, yearHours));
        }
        if (staff.Roles.Contains(StaffRole.NewHire) && SchoolYearOf(staff.HireDate, o) == schoolYear)
        {
            minima.Add((StaffRole.NewHire, o.NewHireHours, own.Where(r => r.CompletedOn <= staff.HireDate).Sum(r => r.Hours)));
        }
        if (minima.Count == 0)
            return new TeacherTraining(staff.Id, staff.DisplayName, [.. staff.Roles.Select(r => r.ToName())], yearHours, 0m, 0m, null);
        var required = minima.Max(m => m.Minimum);
        var worst = minima.OrderByDescending(m => m.Minimum - m.Counted).ThenByDescending(m => m.Minimum).First();
        var shortBy = Math.Max(0m, worst.Minimum - worst.Counted);
        var binding = shortBy > 0 ? worst.Role : minima.MaxBy(m => m.Minimum).Role;
        return new TeacherTraining(staff.Id, staff.DisplayName, [.. staff.Roles.Select(r => r.ToName())], yearHours, required, shortBy, binding.ToName());
    }

    public static SchoolTraining AssessSchool(IReadOnlyCollection<StaffMember> staff, IReadOnlyCollection<TrainingRecord> records, int schoolYear, TrainingOptions o)
    {
        var (from, to) = SchoolYearSpan(schoolYear, o);
        var results = staff.Where(s => CertificateCoverageRules.IsTeacher(s.Roles))
            .OrderBy(s => s.DisplayName, StringComparer.Ordinal).Select(s => Assess(s, records, schoolYear, o)).ToList();
        var subject = staff.Where(s => s.Roles.Contains(StaffRole.SubjectTeacher)).Select(s => s.Id).ToHashSet();
        var participating = records.Where(r => subject.Contains(r.StaffId) && r.CompletedOn >= from && r.CompletedOn <= to)
            .Select(r => r.StaffId).Distinct().Count();
        return new SchoolTraining(schoolYear, from, to, results.Count, results.Count(r => r.Short == 0),
            subject.Count, participating, CertificateCoverageRules.Share(participating, subject.Count),
            participating == subject.Count, results);
    }
}
