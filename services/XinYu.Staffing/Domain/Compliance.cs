namespace XinYu.Staffing.Domain;

/// <summary>The bureau's staffing policy (settings section <c>Staffing:Compliance</c>); the defaults are seed 002/003's.</summary>
public sealed class ComplianceOptions
{
    /// <summary>Urban schools have a full-time psych teacher by this day (seed 002: end of 2025).</summary>
    public DateOnly UrbanDeadline { get; set; } = new(2025, 12, 31);
    /// <summary>Every legal-entity school (法人学校) has one by this day (seed 002: end of 2026).</summary>
    public DateOnly LegalEntityDeadline { get; set; } = new(2026, 12, 31);
    /// <summary>Full-time psych teachers by stage (seed 003): senior ≥ 2, junior 1–2 (so ≥ 1), primary ≥ 1.</summary>
    public int PrimaryMinimum { get; set; } = 1;
    public int JuniorMinimum { get; set; } = 1;
    public int SeniorMinimum { get; set; } = 2;
    /// <summary>Secondary vocational schools (中职) are held to the senior stage's standard, which they parallel.</summary>
    public int VocationalMinimum { get; set; } = 2;
    /// <summary>The bureau keeps at least this many research staff (教研员) for mental-health education.</summary>
    public int ResearchStaffMinimum { get; set; } = 1;
}

public sealed record SchoolStaffingFacts(Guid SchoolId, string Name, SchoolLevel Level, bool Urban, bool LegalEntity, int FullTimePsych, int PartTimePsych);

/// <summary>One school's standing: compliant or not, and each reason in words a supervisor can read.</summary>
public sealed record SchoolCompliance(
    Guid SchoolId,
    string Name,
    bool Compliant,
    int FullTimePsych,
    int RequiredFullTimePsych,
    DateOnly? Deadline,
    IReadOnlyList<string> Violations,
    IReadOnlyList<string> Notes);

public sealed record BureauCompliance(
    int Schools,
    int CompliantSchools,
    int UrbanSchools,
    int UrbanSchoolsWithFullTimePsych,
    int LegalEntitySchools,
    int LegalEntitySchoolsWithFullTimePsych,
    int ResearchStaff,
    int RequiredResearchStaff,
    bool ResearchStaffPresent,
    bool Compliant,
    IReadOnlyList<SchoolCompliance> SchoolResults);

/// <summary>
/// Staffing compliance (seed 002 deadlines, seed 003 standard). Rules:
/// <list type="number">
/// <item>A school's deadline is the earliest that applies: urban → <see cref="ComplianceOptions.UrbanDeadline"/>,
/// legal entity → <see cref="ComplianceOptions.LegalEntityDeadline"/>. A rural school that is not a legal entity (a
/// teaching point counted under its parent school) has no deadline of its own.</item>
/// <item>The staffing standard counts full-time psych teachers only, per stage. A school teaching several stages needs
/// the sum of its stages' minima: nine-year = primary + junior (1 + 1 = 2), twelve-year = primary + junior + senior
/// (1 + 1 + 2 = 4), because each stage is staffed as if it were its own school.</item>
/// <item>Before its deadline, a school short of the standard is compliant and the shortfall is a note ("due by …");
/// from the day after the deadline it is a violation. With no deadline, shortfalls are only ever notes.</item>
/// <item>The bureau is compliant when it has at least <see cref="ComplianceOptions.ResearchStaffMinimum"/> research
/// staff and every school is compliant.</item>
/// </list>
/// </summary>
public static class ComplianceRules
{
    public static int RequiredFullTimePsych(SchoolLevel level, ComplianceOptions o) => level switch
    {
        SchoolLevel.Primary => o.PrimaryMinimum,
        SchoolLevel.Junior => o.JuniorMinimum,
        SchoolLevel.Senior => o.SeniorMinimum,
        SchoolLevel.Vocational => o.VocationalMinimum,
        SchoolLevel.NineYear => o.PrimaryMinimum + o.JuniorMinimum,
        SchoolLevel.TwelveYear => o.PrimaryMinimum + o.JuniorMinimum + o.SeniorMinimum,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static DateOnly? Deadline(bool urban, bool legalEntity, ComplianceOptions o)
    {
        DateOnly? deadline = null;
        if (urban) deadline = o.UrbanDeadline;
        if (legalEntity && (deadline is null || o.LegalEntityDeadline < deadline)) deadline = o.LegalEntityDeadline;
        return deadline;
    }

    public static SchoolCompliance Assess(SchoolStaffingFacts school, DateOnly today, ComplianceOptions o)
    {
        var required = RequiredFullTimePsych(school.Level, o);
        var deadline = Deadline(school.Urban, school.LegalEntity, o);
        var violations = new List<string>();
        var notes = new List<string>();
        var due = deadline is { } d && today > d;
        if (school.FullTimePsych == 0)
        {
            var text = "no full-time psych teacher";
            if (due) violations.Add($"{text} (required since {deadline:yyyy-MM-dd})");
            else notes.Add(deadline is null ? $"{text} (no deadline applies: rural, not a legal entity)" : $"{text} (due by {deadline:yyyy-MM-dd})");
        }
        if (school.FullTimePsych < required)
        {
            var text = $"{school.FullTimePsych} full-time psych teacher(s), the {school.Level.ToName()} standard is {required}";
            if (due) violations.Add(text);
            else notes.Add(deadline is null ? $"{text} (no deadline applies)" : $"{text} (due by {deadline:yyyy-MM-dd})");
        }
        return new SchoolCompliance(school.SchoolId, school.Name, violations.Count == 0, school.FullTimePsych, required, deadline, violations, notes);
    }

    public static BureauCompliance AssessBureau(IReadOnlyCollection<SchoolStaffingFacts> schools, int researchStaff, DateOnly today, ComplianceOptions o)
    {
        var results = schools.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => Assess(s, today, o)).ToList();
        var researchPresent = researchStaff >= o.ResearchStaffMinimum;
        return new BureauCompliance(
            schools.Count,
            results.Count(r => r.Compliant),
            schools.Count(s => s.Urban),
            schools.Count(s => s.Urban && s.FullTimePsych > 0),
            schools.Count(s => s.LegalEntity),
            schools.Count(s => s.LegalEntity && s.FullTimePsych > 0),
            researchStaff,
            o.ResearchStaffMinimum,
            researchPresent,
            researchPresent && results.All(r => r.Compliant),
            results);
    }
}
