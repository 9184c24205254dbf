namespace XinYu.Liaison.Domain;

/// <summary>A school year's term as the calendar scheduled it.</summary>
public sealed record TermDates(int SchoolYear, int Number, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>The week a parent meeting is expected in: the first or last week of a term.</summary>
public sealed record MeetingWeek(int SchoolYear, int Term, string Which, DateOnly From, DateOnly To);

/// <summary>Students visited among those enrolled.</summary>
public sealed record CoverageFigure(int Enrolled, int Visited)
{
    /// <summary>Visited / enrolled, rounded to 4 places; 0 for an empty unit.</summary>
    public decimal Rate => Enrolled == 0 ? 0 : Math.Round((decimal)Visited / Enrolled, 4);
    public int NotVisited => Enrolled - Visited;
}

/// <summary>A student currently on a class's roll.</summary>
public sealed record RosterEntry(Guid StudentId, Guid SchoolId, Guid ClassId);

public sealed record CoverageReport(
    CoverageFigure Total,
    IReadOnlyDictionary<Guid, CoverageFigure> BySchool,
    IReadOnlyDictionary<Guid, CoverageFigure> ByClass,
    IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> NotVisitedByClass);

/// <summary>The liaison rules, free of storage and HTTP so they are tested on their own.</summary>
public static class LiaisonRules
{
    /// <summary>
    /// The school year a date belongs to: the latest school year whose first term starts on or before it (so the
    /// summer holiday belongs to the year that ends with it). Without any scheduled term, school years start on 1 August.
    /// </summary>
    public static int SchoolYearOf(DateOnly date, IEnumerable<TermDates> terms)
    {
        var starts = terms.GroupBy(t => t.SchoolYear).Select(g => (Year: g.Key, Start: g.Min(t => t.StartsOn)))
            .Where(y => y.Start <= date).ToList();
        if (starts.Count > 0) return starts.Max(y => y.Year);
        return date.Month >= 8 ? date.Year : date.Year - 1;
    }

    /// <summary>
    /// Home-visit coverage: a student on the roll counts as visited when they have at least
    /// <paramref name="visitsRequired"/> visits in the school year, wherever they were when visited.
    /// </summary>
    public static CoverageReport Coverage(IReadOnlyCollection<RosterEntry> roster, IReadOnlyDictionary<Guid, int> visitsByStudent, int visitsRequired)
    {
        bool Visited(RosterEntry e) => visitsByStudent.TryGetValue(e.StudentId, out var n) && n >= visitsRequired;
        CoverageFigure Figure(IEnumerable<RosterEntry> entries)
        {
            var list = entries.ToList();
            return new CoverageFigure(list.Count, list.Count(Visited));
        }
        return new CoverageReport(
            Figure(roster),
            roster.GroupBy(e => e.SchoolId).ToDictionary(g => g.Key, Figure),
            roster.GroupBy(e => e.ClassId).ToDictionary(g => g.Key, Figure),
            roster.GroupBy(e => e.ClassId).ToDictionary(g => g.Key,
                g => (IReadOnlyList<Guid>)g.Where(e => !Visited(e)).Select(e => e.StudentId).Order().ToList()));
    }

    /// <summary>
    /// A level change makes a special home visit due when it rises (higher rank) from a level that is not high into
    /// one that is. A move within the high levels (high → crisis) is not a new rise: the open visit covers it.
    /// </summary>
    public static bool IsRiseToHigh(string from, int fromRank, string to, int toRank, IEnumerable<string> highLevels)
    {
        var high = highLevels.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return toRank > fromRank && high.Contains(to) && !high.Contains(from);
    }

    /// <summary>A task is overdue when it is still open after its deadline and has not been escalated yet.</summary>
    public static bool IsOverdue(DateTimeOffset dueAt, bool done, DateTimeOffset? escalatedAt, DateTimeOffset now) =>
        !done && escalatedAt is null && now > dueAt;

    /// <summary>The first and last week (7 days) of each term: when parent meetings are held.</summary>
    public static IReadOnlyList<MeetingWeek> ParentMeetingWeeks(IEnumerable<TermDates> terms) =>
        terms.OrderBy(t => t.StartsOn).SelectMany(t => new[]
        {
            new MeetingWeek(t.SchoolYear, t.Number, "first", t.StartsOn, Min(t.StartsOn.AddDays(6), t.EndsOn)),
            new MeetingWeek(t.SchoolYear, t.Number, "last", Max(t.EndsOn.AddDays(-6), t.StartsOn), t.EndsOn),
        }).ToList();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>The closed lists of codes the API accepts.</summary>
public static class LiaisonCodes
{
    /// <summary>Who the visitors met (见到的人).</summary>
    public static readonly IReadOnlySet<string> Relations = new HashSet<string>(StringComparer.Ordinal)
        { "student", "father", "mother", "grandparent", "guardian", "sibling", "other-relative" };

    /// <summary>What a home visit talked about.</summary>
    public static readonly IReadOnlySet<string> Topics = new HashSet<string>(StringComparer.Ordinal)
        { "mental-health", "study", "family-relations", "safety", "screening-result", "treatment", "daily-routine",
          "internet-use", "bullying", "peer-relations", "policy", "other" };

    public static readonly IReadOnlySet<string> NotificationMethods = new HashSet<string>(StringComparer.Ordinal)
        { "phone", "in-person", "message", "other" };

    /// <summary>parent-meeting (家长会) and parent-school (家长学校) courses or lectures.</summary>
    public static readonly IReadOnlySet<string> ParentActivityKinds = new HashSet<string>(StringComparer.Ordinal)
        { "parent-meeting", "parent-school" };

    public static readonly IReadOnlySet<string> AgencyKinds = new HashSet<string>(StringComparer.Ordinal)
        { "hospital", "police", "procuratorate", "womens-federation", "civil-affairs", "health-commission" };
}

/// <summary>A parent activity as the coverage rule needs it.</summary>
public sealed record ParentActivityFact(string Kind, DateOnly HeldOn, bool MentalHealth);

/// <summary>A school's parent programme in a school year against the policy.</summary>
public sealed record ParentProgrammeFigure(int MeetingWeeksExpected, int MeetingWeeksHeld, int MentalHealthActivities, int MentalHealthRequired)
{
    public bool MentalHealthMet => MentalHealthActivities >= MentalHealthRequired;
    public bool MeetingsMet => MeetingWeeksHeld >= MeetingWeeksExpected;
}

public static class ParentProgramme
{
    /// <summary>Whether a parent meeting was held in the given week.</summary>
    public static bool Held(MeetingWeek week, IEnumerable<ParentActivityFact> activities) =>
        activities.Any(a => a.Kind == "parent-meeting" && a.HeldOn >= week.From && a.HeldOn <= week.To);

    /// <summary>
    /// A school year's figure: of the first and last weeks of its terms, how many had a parent meeting; and how many
    /// mental-health activities for parents (meetings or parent-school courses marked so) were held.
    /// </summary>
    public static ParentProgrammeFigure Figure(int schoolYear, IEnumerable<TermDates> terms, IReadOnlyCollection<ParentActivityFact> activities, int mentalHealthRequired)
    {
        var weeks = LiaisonRules.ParentMeetingWeeks(terms.Where(t => t.SchoolYear == schoolYear));
        return new ParentProgrammeFigure(weeks.Count, weeks.Count(w => Held(w, activities)), activities.Count(a => a.MentalHealth), mentalHealthRequired);
    }
}
