namespace XinYu.Staffing.Domain;

/// <summary>A teacher or other staff member of a school, or a bureau research staff member (教研员) with no school.</summary>
public sealed class StaffMember
{
    private StaffMember() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    /// <summary>Null for research staff, who belong to the bureau.</summary>
    public Guid? SchoolId { get; private set; }
    /// <summary>Personal data: shown in the directory, never put in events or logs.</summary>
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<StaffRole> Roles { get; private set; } = [];
    /// <summary>Training minimums for new hires apply before they start (seed 002), so the hire date matters.</summary>
    public DateOnly HireDate { get; private set; }
    /// <summary>
    /// The sign-in account's subject (<c>sub</c> claim) of this staff member, linked by the school admin, so a
    /// counsellor can read their own workload. Null until linked.
    /// </summary>
    public string? AccountSubject { get; private set; }

    public const int MaxSubjectLength = 100;

    /// <summary>The day they left the school (调离、退休); null while they work there. The record stays for workload history.</summary>
    public DateOnly? LeftOn { get; private set; }

    /// <summary>Records that they left, once; not before they were hired.</summary>
    public void Leave(DateOnly leftOn)
    {
        if (LeftOn is not null) throw new DirectoryRuleException("staffId", "This staff member has already left the school.");
        if (SchoolId is null) throw new DirectoryRuleException("staffId", "Research staff belong to the bureau, not a school.");
        if (leftOn < HireDate) throw new DirectoryRuleException("leftOn", "The day they left cannot be before their hire date.");
        LeftOn = leftOn;
    }

    /// <summary>Links the account; a subject is 1–100 letters, digits, dashes, underscores, dots or colons.</summary>
    public void LinkAccount(string? subject)
    {
        var trimmed = subject?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxSubjectLength
            || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            throw new DirectoryRuleException("accountSubject", $"Give the account's subject: 1 to {MaxSubjectLength} letters, digits, '-', '_', '.' or ':'.");
        AccountSubject = trimmed;
    }

    public static StaffMember Register(Guid bureauId, Guid? schoolId, string? displayName, IReadOnlyCollection<StaffRole> roles, DateOnly hireDate)
    {
        var name = DirectoryRules.NameMustBeGiven("displayName", displayName);
        DirectoryRules.ResearchStaffHaveNoSchool(schoolId, roles);
        return new StaffMember
        {
            Id = Guid.CreateVersion7(),
            BureauId = bureauId,
            SchoolId = schoolId,
            DisplayName = name,
            Roles = [.. roles.Distinct().Order()],
            HireDate = hireDate,
        };
    }
}
