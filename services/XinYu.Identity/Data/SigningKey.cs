namespace XinYu.Identity.Data;

/// <summary>
/// A key the server signs tokens (or encrypts codes) with. Stored protected by ASP.NET Data Protection, whose keys
/// live in Redis, not in this database: a copy of the database alone cannot forge tokens.
/// </summary>
public sealed class SigningKey
{
    public Guid Id { get; set; }
    /// <summary><c>signing</c> (RSA) or <c>encryption</c> (AES).</summary>
    public required string Purpose { get; set; }
    public required string ProtectedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>A retired key no longer signs; it stays published until tokens it signed have expired.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
