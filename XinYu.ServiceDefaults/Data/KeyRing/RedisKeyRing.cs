using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace XinYu.ServiceDefaults.Data.KeyRing;

/// <summary>
/// One service's Data Protection key ring: a Redis list of key elements (as Data Protection's own Redis repository
/// keeps them), each key's secret wrapped by <see cref="AesGcmXmlEncryptor"/>. Every replica of the service shares it;
/// no other service reads it.
/// <para>
/// Before this ring existed every service shared one unencrypted ring (<see cref="LegacyKey"/>). The first replica to
/// start copies its keys in, wrapped, once (a Redis transaction guarded by a marker), so what they protected still
/// reads. The copies are marked expired: the service makes a key of its own at once and protects new data with it,
/// and the shared keys only unprotect what they protected. The operator deletes the legacy list once every service has
/// started (docs/operations.md); until then each start warns.
/// </para>
/// </summary>
public sealed class RedisKeyRing(Func<IDatabase> database, KeyEncryptionKeys keys, TimeProvider clock, ILogger<RedisKeyRing> logger) : IXmlRepository
{
    /// <summary>The single ring every service shared before per-service rings (plaintext keys).</summary>
    public const string LegacyKey = "xinyu:data-protection-keys";

    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    private readonly AesGcmXmlEncryptor _encryptor = new(keys);
    private volatile bool _legacyChecked;

    /// <summary>The Redis list of this ring: <c>xinyu:data-protection-keys:&lt;ring&gt;</c>.</summary>
    public static string KeyOf(string ring) => $"{LegacyKey}:{ring}";

    private string Key => KeyOf(keys.Ring);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var db = database();
        if (!_legacyChecked) ImportLegacyRing(db);
        var elements = new List<XElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in db.ListRange(Key))
        {
            var element = XElement.Parse((string)value!);
            // Two copies of one key (a retried write) would make Data Protection distrust both: keep the first.
            if (element.Name.LocalName == "key" && (string?)element.Attribute("id") is { } id && !seen.Add(id)) continue;
            elements.Add(element);
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // Data Protection has wrapped the secret before it gets here (KeyManagementOptions.XmlEncryptor); refuse to
        // be the place a plaintext key is written, whatever is misconfigured.
        if (element.DescendantsAndSelf().Any(RequiresEncryptionOf))
        {
            throw new InvalidOperationException("Refusing to store an unwrapped Data Protection key (no key-encryption key configured).");
        }
        database().ListRightPush(Key, element.ToString(SaveOptions.DisableFormatting));
    }

    private void ImportLegacyRing(IDatabase db)
    {
        if (db.KeyExists(LegacyKey))
        {
            var marker = Key + ":imported";
            if (!db.KeyExists(marker))
            {
                var now = clock.GetUtcNow();
                var wrapped = db.ListRange(LegacyKey).Select(v => (RedisValue)Wrap(XElement.Parse((string)v!), now).ToString(SaveOptions.DisableFormatting)).ToArray();
                var transaction = db.CreateTransaction();
                transaction.AddCondition(Condition.KeyNotExists(marker));
                _ = transaction.ListRightPushAsync(Key, wrapped);
                _ = transaction.StringSetAsync(marker, now.ToString("O"));
                if (transaction.Execute())
                {
                    logger.LogInformation("Copied {Count} elements of the shared legacy key ring into this service's ring, wrapped.", wrapped.Length);
                }
            }
            logger.LogWarning("The shared legacy Data Protection key ring ({LegacyKey}) is still in Redis, unencrypted. Delete it once every service has started with per-service rings (docs/operations.md, \"The Data Protection key rings\").", LegacyKey);
        }
        _legacyChecked = true;
    }

    /// <summary>A legacy element as this ring keeps it: secrets wrapped, and a key expired now (unprotect only).</summary>
    private XElement Wrap(XElement element, DateTimeOffset now)
    {
        var copy = new XElement(element);
        if (copy.Name.LocalName == "key" && copy.Element("expirationDate") is { } expiration && (DateTimeOffset)expiration > now)
        {
            expiration.Value = XmlConvert.ToString(now);
        }
        // As Data Protection's own XmlEncryptionExtensions.EncryptIfNecessary does: each element marked
        // requiresEncryption becomes <encryptedSecret decryptorType="..."> around the encryptor's output.
        while (copy.Descendants().FirstOrDefault(RequiresEncryptionOf) is { } secret)
        {
            var info = _encryptor.Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
        }
        return copy;
    }

    private static bool RequiresEncryptionOf(XElement element) =>
        element.Attribute(RequiresEncryption) is { } flag && XmlConvert.ToBoolean(flag.Value);
}
