namespace XinYu.Staffing.Domain;

/// <summary>
/// Input rules of the staffing records beyond the directory (certificates, training). Like <see cref="DirectoryRules"/>
/// they throw <see cref="DirectoryRuleException"/> naming the field, which the API turns into a 400.
/// </summary>
public static class StaffingRules
{
    /// <summary>A course or provider name, or an evidence reference: one line of at most this many characters.</summary>
    public const int MaxTextLength = 200;
    public static readonly string TextHint = $"Give 1 to {MaxTextLength} characters.";
    public static readonly DateOnly EarliestCertificate = new(1980, 1, 1);
    public static readonly DateOnly EarliestTraining = new(2000, 1, 1);
    public const decimal MaxTrainingHours = 200m;

    /// <summary>Certificates, training and mentees are a school's; research staff (bureau) have none of these here.</summary>
    public static void StaffMustBelongToASchool(StaffMember staff)
    {
        if (staff.SchoolId is null)
            throw new DirectoryRuleException("staffId", "Research staff belong to no school.");
    }

    /// <summary>Issued on a real past day; an expiry, if any, after the issue and within 30 years of it.</summary>
    public static void CertificateDatesMustBePlausible(DateOnly issuedOn, DateOnly? expiresOn, DateOnly today)
    {
        if (issuedOn < EarliestCertificate || issuedOn > today)
            throw new DirectoryRuleException("issuedOn", $"Give an issue date from {EarliestCertificate:yyyy-MM-dd} to today.");
        if (expiresOn is { } e && (e <= issuedOn || e > issuedOn.AddYears(30)))
            throw new DirectoryRuleException("expiresOn", "An expiry date falls after the issue date and within 30 years of it.");
    }

    /// <summary>Hours are positive, at most 200 for one record, in steps of a quarter hour.</summary>
    public static void TrainingHoursMustBePlausible(decimal hours)
    {
        if (hours <= 0 || hours > MaxTrainingHours || hours * 4 != decimal.Truncate(hours * 4))
            throw new DirectoryRuleException("hours", $"Give the hours, more than 0 and at most {MaxTrainingHours}, in quarter hours.");
    }

    public static void TrainingDateMustBePlausible(DateOnly completedOn, DateOnly today)
    {
        if (completedOn < EarliestTraining || completedOn > today)
            throw new DirectoryRuleException("completedOn", $"Give the completion date, from {EarliestTraining:yyyy-MM-dd} to today.");
    }
}
