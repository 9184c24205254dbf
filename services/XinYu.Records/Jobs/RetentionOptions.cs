namespace XinYu.Records.Jobs;

/// <summary>Retention of files of students who left (section <c>Records:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Years after leaving before a file is archived (no ordinary reads). The seeds set no figure; 3 years
    /// matches PIPL's minimum keeping of processing records (Art. 56).</summary>
    public int ArchiveAfterYears { get; set; } = 3;
    /// <summary>Years after leaving before an archived file is purged (deleted with its guardians, entries, timeline, notes).</summary>
    public int PurgeAfterYears { get; set; } = 10;
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>Files handled per sweep step, so one sweep never holds a long transaction.</summary>
    public int BatchSize { get; set; } = 200;
}
