using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace XinYu.ServiceDefaults.Data.KeyRing;

/// <summary>
/// Wraps each Data Protection key's secret with AES-256-GCM under the service's key-encryption key before the key goes
/// to Redis. The stored element names the KEK by id only; the tag makes a tampered or foreign element fail to unwrap.
/// </summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    public static readonly XNamespace Namespace = "urn:xinyu:data-protection:kek";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(keys.Current, TagSize))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize),
                AssociatedData(keys.Ring, keys.CurrentId));
        }
        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(Namespace + "encryptedKey",
            new XComment(" AES-256-GCM under DataProtection:KeyEncryptionKey, which is not stored with the ring "),
            new XElement(Namespace + "kek", keys.CurrentId),
            new XElement(Namespace + "value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }

    /// <summary>Binds a wrapped key to its ring and KEK: moved into another ring, it does not unwrap.</summary>
    internal static byte[] AssociatedData(string ring, string kekId) => Encoding.UTF8.GetBytes($"XinYu key ring v1|{ring}|{kekId}");
}
