namespace XinYu.Screening.Domain;

/// <summary>
/// A one-time answer code (答题码): one student of one class answers one campaign's instruments with it, without an
/// account. Only the code's keyed hash is stored (<see cref="AnswerCodeKey"/>); the code itself is shown once, on the
/// issuing answer, for the printed slips.
/// </summary>
public sealed class AnswerCode
{
    public Guid Id { get; set; }
    public Guid BureauId { get; set; }
    public Guid SchoolId { get; set; }
    public Guid ClassId { get; set; }
    public Guid CampaignId { get; set; }
    public Guid StudentId { get; set; }
    /// <summary>HMAC-SHA256 of the normalised code under the deployment's key: 32 bytes, unique per campaign.</summary>
    public byte[] CodeHash { get; set; } = [];
    public DateTimeOffset IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>The client's id of the submission that used the code: the same id again is a retry, answered "already submitted".</summary>
    public Guid? SubmissionId { get; set; }
    /// <summary>Whether the answers that used the code answered a critical item, so a retry shows the same support.</summary>
    public bool CriticalItemAnswered { get; set; }
    /// <summary>Every redemption or submission that found this code (the per-code limit).</summary>
    public int Attempts { get; set; }
    /// <summary>PostgreSQL's xmin: two submissions racing on one code never both use it.</summary>
    public uint RowVersion { get; set; }
}

/// <summary>The campaign-wide count of calls that named no valid code, per fixed time window (the per-campaign limit).</summary>
public sealed class AnswerCodeFailures
{
    public Guid CampaignId { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Failures { get; set; }
}
