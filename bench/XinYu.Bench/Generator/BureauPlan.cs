namespace XinYu.Bench.Generator;

// A generated bureau: what the loader registers through the services' public APIs. Everything in it follows from the
// seed, so two runs with the same parameters load the same bureau (names, numbers and all).

public sealed record PlannedSchool(int Index, string Code, string Name, string Level, bool Urban, bool Boarding, bool LegalEntity,
    IReadOnlyList<PlannedClass> Classes, IReadOnlyList<PlannedStaff> Staff)
{
    public int StudentCount => Classes.Sum(c => c.Students.Count);
}

public sealed record PlannedClass(int Grade, string Name, int EntryYear, IReadOnlyList<PlannedStudent> Students);

public sealed record PlannedStudent(string Name, string Gender, DateOnly BirthDate, string StudentNumber, string GuardianName,
    string GuardianRelation, string GuardianPhone);

public sealed record PlannedStaff(string DisplayName, IReadOnlyList<string> Roles);

public sealed record BureauPlan(int Seed, IReadOnlyList<PlannedSchool> Schools)
{
    public int Students => Schools.Sum(s => s.StudentCount);
    public int StaffCount => Schools.Sum(s => s.Staff.Count);
    public int Classes => Schools.Sum(s => s.Classes.Count);
}
