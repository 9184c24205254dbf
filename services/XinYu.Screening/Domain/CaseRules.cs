using XinYu.ServiceDefaults.Http;
namespace XinYu.Screening.Domain;

/// <summary>The Stanley–Brown safety plan's six steps, in order.</summary>
public sealed record SafetyPlan(
    string? WarningSigns, string? InternalCoping, string? SocialDistractions, string? PeopleToAsk,
    string? ProfessionalsAndCrisisLines, string? MeansSafety);

public static class CaseRules
{
    public const int MaxTextLength = 4000;
    public static readonly string[] PlanOutcomes = ["improved", "transferred", "referred", "other"];
    public static readonly string[] ReferralReasons = ["self-harm-risk", "suicidal-ideation", "depression", "anxiety", "psychosis", "eating-disorder", "trauma", "other"];
    public static readonly string[] FeedbackKinds = ["seen", "recommendation", "treatment-leave"];
    public static readonly string[] Recommendations = ["no-treatment", "outpatient", "medication", "psychotherapy", "inpatient", "follow-up-at-school"];
    public static readonly string[] ReturnOutcomes = ["returned", "deferred"];

    /// <summary>Closing a plan needs at least one review: nobody closes a high-risk student's plan without looking again.</summary>
    public static void ClosingNeedsAReview(int reviews)
    {
        if (reviews == 0) throw new ScreeningRuleException("reviews", "Review the plan before closing it.");
    }

    /// <summary>A case text (a reason, an action, a note, a safety-plan step): several lines of at most
    /// <see cref="MaxTextLength"/> characters, no control characters but line breaks and tabs; "" when optional and blank.</summary>
    public static string Text(string field, string? text, bool required = true) =>
        required ? RequestValidation.MultiLine(text, field, MaxTextLength, $"Give a text of 1 to {MaxTextLength} characters.")
            : RequestValidation.OptionalMultiLine(text, field, MaxTextLength) ?? "";
    public static string OneOf(string field, string? value, string[] allowed) =>
        value is not null && allowed.Contains(value) ? value : throw new ScreeningRuleException(field, $"One of: {string.Join(", ", allowed)}.");

    /// <summary>A follow-up date is within a year either side of today (catches typing errors and fuzzed dates).</summary>
    public static DateOnly PlausibleDate(string field, DateOnly? date, DateOnly today)
    {
        if (date is not { } d) throw new ScreeningRuleException(field, "Give a date (yyyy-MM-dd).");
        if (d < today.AddYears(-1) || d > today.AddYears(1)) throw new ScreeningRuleException(field, "Give a date within a year of today.");
        return d;
    }

    /// <summary>
    /// A student returns (复学) only with the hospital's documents received and every step of the safety plan written; a
    /// deferred return needs neither yet.
    /// </summary>
    public static void ReturnNeedsDocumentsAndSafetyPlan(string outcome, bool documentsReceived, SafetyPlan? plan)
    {
        if (outcome != "returned") return;
        if (!documentsReceived) throw new ScreeningRuleException("hospitalDocumentsReceived", "A return needs the hospital's documents first.");
        if (plan is null) throw new ScreeningRuleException("safetyPlan", "Write the safety plan (Stanley–Brown) before the return.");
        Text("safetyPlan.warningSigns", plan.WarningSigns);
        Text("safetyPlan.internalCoping", plan.InternalCoping);
        Text("safetyPlan.socialDistractions", plan.SocialDistractions);
        Text("safetyPlan.peopleToAsk", plan.PeopleToAsk);
        Text("safetyPlan.professionalsAndCrisisLines", plan.ProfessionalsAndCrisisLines);
        Text("safetyPlan.meansSafety", plan.MeansSafety);
    }

    /// <summary>A follow-up not done <paramref name="days"/> days after its date is escalated to the school (once).</summary>
    public static bool FollowUpNeedsEscalation(DateOnly dueOn, DateOnly today, int days, bool done, bool alreadyEscalated) =>
        !done && !alreadyEscalated && today.DayNumber - dueOn.DayNumber >= days;

    /// <summary>Check-ins after a return: every <paramref name="intervalDays"/> days, <paramref name="count"/> times, from <paramref name="first"/>.</summary>
    public static IReadOnlyList<DateOnly> FollowUpSchedule(DateOnly first, int count, int intervalDays) =>
        Enumerable.Range(0, count).Select(i => first.AddDays(i * intervalDays)).ToList();
}
