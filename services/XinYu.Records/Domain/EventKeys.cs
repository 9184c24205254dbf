namespace XinYu.Records.Domain;

/// <summary>
/// The outbox's ordering keys: every event about one student (or school) is relayed in the order written, whichever
/// endpoint or import wrote it, so the key is made in one place.
/// </summary>
public static class EventKeys
{
    public static string Student(Guid studentId) => $"student:{studentId}";
    public static string School(Guid schoolId) => $"school:{schoolId}";
}
