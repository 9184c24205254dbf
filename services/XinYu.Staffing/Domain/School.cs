namespace XinYu.Staffing.Domain;

/// <summary>A school (学校) of a bureau. Other services refer to it by <see cref="Id"/>.</summary>
public sealed class School
{
    private School() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Unique within the bureau (e.g. 学校标识码).</summary>
    public string Code { get; private set; } = "";
    public SchoolLevel Level { get; private set; }
    /// <summary>Urban schools must have a full-time psych teacher a year earlier than rural ones (seed 002).</summary>
    public bool IsUrban { get; private set; }
    /// <summary>Boarding schools add dormitory mental-health members (seed 002).</summary>
    public bool IsBoarding { get; private set; }
    public int StudentCount { get; private set; }
    /// <summary>法人学校: a legal entity, which seed 002's 2026 full-time psych teacher deadline counts.</summary>
    public bool IsLegalEntity { get; private set; }

    public static School Register(Guid bureauId, SchoolDetails details)
    {
        var school = new School { Id = Guid.CreateVersion7(), BureauId = bureauId };
        school.Update(details, existingGrades: []);
        return school;
    }

    /// <summary>Replaces the details. A level change must still fit every open class's grade.</summary>
    public void Update(SchoolDetails details, IEnumerable<int> existingGrades)
    {
        var name = DirectoryRules.NameMustBeGiven("name", details.Name);
        var code = DirectoryRules.SchoolCodeMustBeWellFormed(details.Code);
        DirectoryRules.StudentCountMustBePlausible(details.StudentCount);
        foreach (var grade in existingGrades)
        {
            try { DirectoryRules.GradeMustFitSchoolLevel(details.Level, grade); }
            catch (DirectoryRuleException e) { throw new DirectoryRuleException("level", $"The school has an open grade-{grade} class. {e.Message}"); }
        }
        (Name, Code, Level, IsUrban, IsBoarding, StudentCount, IsLegalEntity) =
            (name, code, details.Level, details.IsUrban, details.IsBoarding, details.StudentCount, details.IsLegalEntity);
    }
}

/// <summary>Everything about a school a bureau admin sets.</summary>
public sealed record SchoolDetails(string Name, string Code, SchoolLevel Level, bool IsUrban, bool IsBoarding, int StudentCount, bool IsLegalEntity);
