using System.Security.Cryptography;
using System.Text;

namespace XinYu.Records.Exchange;

/// <summary>
/// A student's file sealed for another bureau: the payload is encrypted with AES-256-GCM under a random content key;
/// that key is wrapped (AES-GCM) under a key agreed by ECDH P-256 between a one-time key and the recipient bureau's
/// agreement key (HKDF-SHA256); the whole package is signed with the sender bureau's ECDSA P-256 key. The header
/// (format, ids, time) is the associated data of both encryptions and part of the signed bytes, so nothing in it can
/// be changed either. All binary fields are base64.
/// </summary>
public sealed record SealedPackage(
    string? Format,
    Guid? PackageId,
    Guid? SenderBureauId,
    Guid? RecipientBureauId,
    DateTimeOffset? CreatedAt,
    string? EphemeralPublicKey,
    string? WrappedKey,
    string? WrapNonce,
    string? WrapTag,
    string? Nonce,
    string? Ciphertext,
    string? Tag,
    string? Signature);

/// <summary>A package that fails verification or decryption: <see cref="Field"/> names what is wrong.</summary>
public sealed class PackageRejectedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

public static class PackageSealer
{
    public const string Format = "xinyu.records.package/1";
    private static readonly byte[] Info = Encoding.UTF8.GetBytes(Format + "/key-wrap");

    public static SealedPackage Seal(byte[] payload, Guid sender, Guid recipient, ECDsa senderSigningKey, ECDiffieHellman recipientAgreementKey,
        DateTimeOffset now)
    {
        var packageId = Guid.NewGuid();
        var header = Header(packageId, sender, recipient, now);
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[payload.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(contentKey, 16)) aes.Encrypt(nonce, payload, ciphertext, tag, header);

        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var wrapKey = WrapKey(ephemeral, recipientAgreementKey.PublicKey, packageId);
        var wrapNonce = RandomNumberGenerator.GetBytes(12);
        var wrapped = new byte[contentKey.Length];
        var wrapTag = new byte[16];
        using (var aes = new AesGcm(wrapKey, 16)) aes.Encrypt(wrapNonce, contentKey, wrapped, wrapTag, header);
        CryptographicOperations.ZeroMemory(contentKey);

        var unsigned = new SealedPackage(Format, packageId, sender, recipient, now, B64(ephemeral.PublicKey.ExportSubjectPublicKeyInfo()), B64(wrapped),
            B64(wrapNonce), B64(wrapTag), B64(nonce), B64(ciphertext), B64(tag), null);
        var signature = senderSigningKey.SignData(SignedBytes(unsigned), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return unsigned with { Signature = B64(signature) };
    }

    /// <summary>Verifies the signature with the sender's public key, then decrypts. Throws <see cref="PackageRejectedException"/>.</summary>
    public static byte[] Open(SealedPackage package, ECDsa senderSigningPublicKey, ECDiffieHellman recipientAgreementKey)
    {
        if (package.Format != Format) throw new PackageRejectedException("package.format", $"Not a {Format} package.");
        var signature = Bytes(package.Signature, "package.signature");
        if (!senderSigningPublicKey.VerifyData(SignedBytes(package), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            throw new PackageRejectedException("package.signature", "The signature does not verify: the package was changed or is not from this sender.");
        var header = Header(package.PackageId!.Value, package.SenderBureauId!.Value, package.RecipientBureauId!.Value, package.CreatedAt!.Value);
        try
        {
            using var ephemeralPublic = ECDiffieHellman.Create();
            ephemeralPublic.ImportSubjectPublicKeyInfo(Bytes(package.EphemeralPublicKey, "package.ephemeralPublicKey"), out _);
            var wrapKey = WrapKey(recipientAgreementKey, ephemeralPublic.PublicKey, package.PackageId.Value);
            var wrapped = Bytes(package.WrappedKey, "package.wrappedKey");
            var contentKey = new byte[wrapped.Length];
            using (var aes = new AesGcm(wrapKey, 16)) aes.Decrypt(Bytes(package.WrapNonce, "package.wrapNonce"), wrapped, Bytes(package.WrapTag, "package.wrapTag"), contentKey, header);
            var ciphertext = Bytes(package.Ciphertext, "package.ciphertext");
            var payload = new byte[ciphertext.Length];
            using (var aes = new AesGcm(contentKey, 16)) aes.Decrypt(Bytes(package.Nonce, "package.nonce"), ciphertext, Bytes(package.Tag, "package.tag"), payload, header);
            return payload;
        }
        catch (CryptographicException)
        {
            throw new PackageRejectedException("package", "The package cannot be decrypted with this bureau's key: it is not addressed to us, or it was damaged.");
        }
    }

    private static byte[] WrapKey(ECDiffieHellman own, ECDiffieHellmanPublicKey other, Guid packageId)
    {
        var secret = own.DeriveRawSecretAgreement(other);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, packageId.ToByteArray(), Info);
    }

    private static byte[] Header(Guid packageId, Guid sender, Guid recipient, DateTimeOffset createdAt) =>
        Encoding.UTF8.GetBytes($"{Format}\n{packageId:D}\n{sender:D}\n{recipient:D}\n{createdAt.ToUniversalTime():O}");

    /// <summary>Every field but the signature, in a fixed order, each on its own line.</summary>
    public static byte[] SignedBytes(SealedPackage p)
    {
        if (p.PackageId is null || p.SenderBureauId is null || p.RecipientBureauId is null || p.CreatedAt is null)
            throw new PackageRejectedException("package", "The package's header is incomplete.");
        return Encoding.UTF8.GetBytes(string.Join('\n', p.Format, p.PackageId.Value.ToString("D"), p.SenderBureauId.Value.ToString("D"),
            p.RecipientBureauId.Value.ToString("D"), p.CreatedAt.Value.ToUniversalTime().ToString("O"), p.EphemeralPublicKey, p.WrappedKey, p.WrapNonce,
            p.WrapTag, p.Nonce, p.Ciphertext, p.Tag));
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static byte[] Bytes(string? base64, string field)
    {
        if (string.IsNullOrEmpty(base64)) throw new PackageRejectedException(field, "Missing.");
        try { return Convert.FromBase64String(base64); }
        catch (FormatException) { throw new PackageRejectedException(field, "Not base64."); }
    }
}
