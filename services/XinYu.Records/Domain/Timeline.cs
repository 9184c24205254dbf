namespace XinYu.Records.Domain;

/// <summary>
/// One line of a student's timeline, assembled from events (Screening's, Liaison's, and the counselling room's).
/// Each line carries the id of the event it came from, unique per student, so an event delivered twice appears once.
/// Details are codes and ids only; notes never travel in events.
/// </summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; }
    public Guid StudentId { get; set; }
    public Guid SourceEventId { get; set; }
    /// <summary>The event's name, kebab-case: "screening-submitted", "risk-level-changed", ...</summary>
    public string Kind { get; set; } = "";
    /// <summary>The section it is classified under (see <see cref="Sections"/>): decides who sees it.</summary>
    public string Section { get; set; } = "";
    public Guid? SchoolId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>A short, non-personal summary: codes, scores, ids (JSON).</summary>
    public string Details { get; set; } = "{}";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The file's classified sections (分类归档). Each role sees only some of them (see <see cref="FileRules"/>).</summary>
public static class Sections
{
    public const string Basic = "basic";
    public const string Guardians = "guardians";
    public const string FamilySituation = "family-situation";
    public const string PsychologicalStatus = "psychological-status";
    public const string Screening = "screening";
    public const string Warnings = "warnings";
    public const string Plans = "plans";
    public const string Referrals = "referrals";
    public const string ReturnAssessments = "return-assessments";
    public const string HomeLiaison = "home-liaison";
    public const string Counselling = "counselling";
    public const string HandOvers = "hand-overs";
    /// <summary>Counselling session notes: only counsellors, only with a stated purpose.</summary>
    public const string CounsellingNotes = "counselling-notes";

    public static readonly IReadOnlyList<string> All =
        [Basic, Guardians, FamilySituation, PsychologicalStatus, Screening, Warnings, Plans, Referrals, ReturnAssessments,
         HomeLiaison, Counselling, HandOvers, CounsellingNotes];

    public static readonly IReadOnlyList<string> Written = [FamilySituation, PsychologicalStatus];
}
