namespace XinYu.Records.Domain;

/// <summary>
/// A bureau's own key pair for sealed file packages (ECDSA P-256 to sign, ECDH P-256 to receive). Generated on first
/// use; the private key is encrypted at rest with Data Protection (keys in Redis, outside the database).
/// </summary>
public sealed class ExchangeKey
{
    public Guid BureauId { get; set; }
    /// <summary>signing | agreement</summary>
    public string Purpose { get; set; } = "";
    /// <summary>PKCS#8, base64; encrypted at rest.</summary>
    public string PrivateKey { get; set; } = "";
    /// <summary>SubjectPublicKeyInfo, base64.</summary>
    public string PublicKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Another bureau this bureau exchanges files with: its public keys, as the two bureaus' admins agreed them.</summary>
public sealed class ExchangePartner
{
    public Guid BureauId { get; set; }
    public Guid PartnerBureauId { get; set; }
    /// <summary>Verifies packages from the partner (SubjectPublicKeyInfo, base64).</summary>
    public string SigningPublicKey { get; set; } = "";
    /// <summary>Seals packages for the partner (SubjectPublicKeyInfo, base64).</summary>
    public string AgreementPublicKey { get; set; } = "";
    public string AddedBy { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
    /// <summary>
    /// The second bureau admin who approved the registration (four eyes): until then no package is sealed for, or
    /// opened from, these keys, so one admin alone cannot register a key pair of their own and export names to it.
    /// </summary>
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }

    public bool IsApproved => ApprovedBy is not null;
}
