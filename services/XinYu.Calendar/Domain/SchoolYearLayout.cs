namespace XinYu.Calendar.Domain;

/// <summary>A term's dates as the bureau set them. Number 1 is the autumn term, 2 the spring term.</summary>
public sealed record TermDates(int Number, DateOnly StartsOn, DateOnly EndsOn)
{
    public bool Contains(DateOnly day) => day >= StartsOn && day <= EndsOn;
}

/// <summary>An exam the bureau dates (中考, 高考, a term's finals), before which exam-season care is due.</summary>
public sealed record ExamDate(string Name, DateOnly Date);

/// <summary>
/// A school year of a bureau: <paramref name="StartYear"/> is its first calendar year (2024 for 2024–2025), with its
/// autumn and spring terms and its exam dates.
/// </summary>
public sealed record SchoolYearLayout(int StartYear, TermDates Autumn, TermDates Spring, IReadOnlyList<ExamDate> Exams)
{
    public IEnumerable<TermDates> Terms => [Autumn, Spring];
    public TermDates? TermOf(DateOnly day) => Terms.FirstOrDefault(t => t.Contains(day));
}
