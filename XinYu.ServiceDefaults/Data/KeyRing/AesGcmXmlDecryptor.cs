using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace XinYu.ServiceDefaults.Data.KeyRing;

/// <summary>
/// Unwraps what <see cref="AesGcmXmlEncryptor"/> wrapped. Data Protection creates it by type name from the stored XML,
/// with the application's service provider, which holds the service's <see cref="KeyEncryptionKeys"/>.
/// </summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly KeyEncryptionKeys _keys = services.GetRequiredService<KeyEncryptionKeys>();

    public XElement Decrypt(XElement encryptedElement)
    {
        var ns = AesGcmXmlEncryptor.Namespace;
        var kekId = (string?)encryptedElement.Element(ns + "kek") ?? throw new CryptographicException("The wrapped key names no key-encryption key.");
        var kek = _keys.Find(kekId)
            ?? throw new CryptographicException($"The key ring's key was wrapped with key-encryption key {kekId}, which this service does not have ({KeyEncryptionKeys.Setting} or {KeyEncryptionKeys.PreviousSetting}).");
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element(ns + "value") ?? "");
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("The wrapped key is truncated.");
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(kek, TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize),
                plaintext, AesGcmXmlEncryptor.AssociatedData(_keys.Ring, kekId));
        }
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
