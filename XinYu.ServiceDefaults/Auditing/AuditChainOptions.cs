using System.Text;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>The audit chain's settings (section <c>Audit</c>; docs/operations.md).</summary>
public sealed class AuditChainOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The HMAC key of the chain (<c>Audit:ChainKey</c>, at least 32 characters). A secret of the service, never stored
    /// in the database: without it nobody who can write the tables can recompute a chain that verifies. Changing it
    /// makes every sealed row fail verify, so a city sets it once and keeps it with its other secrets.
    /// </summary>
    public string? ChainKey { get; set; }

    /// <summary>Used in Development only, when <see cref="ChainKey"/> is not set (tests, a developer's run without the AppHost).</summary>
    public const string DevelopmentKey = "xinyu-audit-chain-key-development-only-not-for-real-data";

    /// <summary>How often the sealer looks for committed, unsealed rows.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows sealed per transaction; a longer backlog is sealed in several, one after the other.</summary>
    public int SealBatchSize { get; set; } = 500;

    /// <summary>
    /// The bound of the unsealed tail: a row still unsealed after this long fails verify and turns the health check
    /// Degraded (the sealer has stopped, or a transaction held a sequence number that long).
    /// </summary>
    public TimeSpan MaxUnsealedAge { get; set; } = TimeSpan.FromMinutes(2);

    public byte[] KeyBytes => Encoding.UTF8.GetBytes(ChainKey ?? throw new InvalidOperationException("Audit:ChainKey is not set."));
}
