using XinYu.Client.Staff;

namespace XinYu.Web.Components.Pages.Records;

/// <summary>
/// Finding a student of the school by name, class or 学籍号, typed in one box. Records has no search: the school's list
/// (one call, the whole school for a counsellor: a few thousand rows at most) is filtered here, in the circuit, so the
/// typed text goes into no URL and no access log, of the web app or of the gateway and Records.
/// </summary>
public static class StudentSearch
{
    /// <summary>The students matching every word typed (name, 学籍号 or the class's label), in the school list's order.</summary>
    public static IReadOnlyList<StudentListing> Filter(IEnumerable<StudentListing> students, string? text, Func<Guid, string> classLabel)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return [];
        return students.Where(s => words.All(word => Matches(s, word, classLabel))).ToList();
    }

    private static bool Matches(StudentListing student, string word, Func<Guid, string> classLabel) =>
        student.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
        || (student.NationalStudentNumber?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false)
        || classLabel(student.ClassId).Contains(word, StringComparison.OrdinalIgnoreCase);
}
