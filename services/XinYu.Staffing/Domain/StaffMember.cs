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
