using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>
/// The hash chain: hash = SHA-256 of the previous hash and the row's fields, written by the database trigger in
/// <see cref="AuditTrailMigrations"/> and recomputed here. The two canonical forms must stay identical.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "genesis";

    public static string Canonical(AuditEntry e) => string.Join('|',
        e.PreviousHash,
        e.Sequence.ToString(CultureInfo.InvariantCulture),
        e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        e.ActorId, e.ActorRoles, e.ClientAddress ?? "", e.Action, e.ResourceType, e.ResourceId ?? "",
        e.StudentId?.ToString() ?? "", e.SchoolId?.ToString() ?? "", e.Purpose ?? "", e.CorrelationId ?? "");

    public static string HashOf(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>
    /// Walks the whole chain in order. A changed row fails its hash; a removed row leaves a gap in the sequence or
    /// (at the end) disagrees with the head the trigger keeps.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> ordered, long headSequence, string headHash,
        CancellationToken ct)
    {
        var previous = Genesis;
        long expected = 1;
        var count = 0;
        // One row at a time: years of trail are never held in memory at once.
        await foreach (var entry in ordered.WithCancellation(ct))
        {
            if (entry.Sequence != expected)
            {
                return new AuditVerification(false, count, expected, "a row is missing");
            }
            if (entry.PreviousHash != previous)
            {
                return new AuditVerification(false, count, entry.Sequence, "the link to the previous row is broken");
            }
            if (HashOf(entry) != entry.Hash)
            {
                return new AuditVerification(false, count, entry.Sequence, "the row was changed after it was written");
            }
            previous = entry.Hash;
            expected++;
            count++;
        }
        if (expected - 1 != headSequence || (count > 0 && previous != headHash))
        {
            return new AuditVerification(false, count, expected, "rows at the end are missing");
        }
        return new AuditVerification(true, count, null, null);
    }
}

public sealed record AuditVerification(bool Intact, int EntriesChecked, long? BrokenAt, string? Problem);
