namespace XinYu.Screening.Domain;

/// <summary>
/// Guardian consent (PIPL Arts. 29 and 31: a minor's health data needs a guardian's separate consent for each purpose;
/// docs/domain.md, "Privacy law"), for screening and for referral alike.
/// </summary>
public static class ConsentRules
{
    public const string Screening = "screening";
    public const string Referral = "referral";

    /// <summary>Without a recorded consent, the school's notice suffices only where the bureau says so; a withdrawal always blocks.</summary>
    public static bool ConsentAllows(bool? granted, bool schoolNoticeSuffices) => granted ?? schoolNoticeSuffices;

    public static void ConsentGiven(string purpose, bool? granted, bool schoolNoticeSuffices)
    {
        if (!ConsentAllows(granted, schoolNoticeSuffices))
            throw new ScreeningRuleException("studentId", $"No guardian consent to {purpose} is recorded for this student (or it was withdrawn).");
    }
}
