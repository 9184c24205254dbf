namespace XinYu.Screening.Domain;

/// <summary>
/// The outbox's ordering keys: every event about one student is relayed in the order written, whichever endpoint or job
/// wrote it, so the key is made in one place.
/// </summary>
public static class EventKeys
{
    public static string Student(Guid studentId) => $"student:{studentId}";
}
