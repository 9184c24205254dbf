using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>
/// The chain: each sealed row's hash is HMAC-SHA256, keyed with <c>Audit:ChainKey</c>, of its fields, its chain
/// position and the previous sealed row's hash. The key lives in the service's configuration, never in the database,
/// so whoever can write the tables (even their owner, with the triggers disabled) cannot recompute a chain that
/// verifies. Computed here only: the sealer writes it, verify recomputes it.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "genesis";

    /// <summary>
    /// Every field, each prefixed with its length, so no value can move text across a field boundary (a purpose
    /// containing the separator, say) and still give the same input.
    /// </summary>
    public static string Canonical(AuditEntry e)
    {
        var fields = new[]
        {
            e.ChainPosition?.ToString(CultureInfo.InvariantCulture) ?? "", e.PreviousHash ?? "",
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            e.ActorId, e.ActorRoles, e.ClientAddress ?? "", e.Action, e.ResourceType, e.ResourceId ?? "",
            e.StudentId?.ToString() ?? "", e.SchoolId?.ToString() ?? "", e.BureauId?.ToString() ?? "", e.Purpose ?? "",
            e.CorrelationId ?? "",
        };
        var text = new StringBuilder();
        foreach (var field in fields) text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        return text.ToString();
    }

    public static string HashOf(AuditEntry e, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>
    /// Walks the sealed chain in chain order. A changed or recomputed row fails its HMAC; a removed row leaves a gap
    /// in the positions or (at the end) disagrees with the head the sealer keeps; a re-ordered row breaks a link.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> sealedInOrder, long headPosition, string headHash,
        byte[] key, CancellationToken ct)
    {
        var previous = Genesis;
        long expected = 1;
        var count = 0;
        // One row at a time: years of trail are never held in memory at once.
        await foreach (var entry in sealedInOrder.WithCancellation(ct))
        {
            if (entry.ChainPosition != expected)
            {
                return new AuditVerification(false, count, expected, "a row is missing");
            }
            if (entry.PreviousHash != previous)
            {
                return new AuditVerification(false, count, expected, "the link to the previous row is broken");
            }
            if (!FixedTimeEquals(HashOf(entry, key), entry.Hash))
            {
                return new AuditVerification(false, count, expected, "the row was changed after it was written");
            }
            previous = entry.Hash!;
            expected++;
            count++;
        }
        if (expected - 1 != headPosition || (count > 0 && previous != headHash))
        {
            return new AuditVerification(false, count, expected, "rows at the end are missing");
        }
        return new AuditVerification(true, count, null, null);
    }

    private static bool FixedTimeEquals(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}

/// <summary>
/// What verify found. <see cref="BrokenAt"/> is a chain position. <see cref="Unsealed"/> rows are committed but not yet
/// chained (the sealer runs shortly after commit); <see cref="OldestUnsealedAt"/> older than <c>Audit:MaxUnsealedAge</c>
/// makes the trail not intact (the sealer has stopped, or rows are being held back from it).
/// </summary>
public sealed record AuditVerification(bool Intact, int EntriesChecked, long? BrokenAt, string? Problem)
{
    public int Unsealed { get; init; }
    public DateTimeOffset? OldestUnsealedAt { get; init; }
}
