using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using XinYu.ServiceDefaults.Secrets;

namespace XinYu.ServiceDefaults.Data.KeyRing;

/// <summary>
/// The key-encryption keys (KEK) of one service's Data Protection key ring: the current one wraps every new key, the
/// previous ones (after a rotation) still unwrap keys they wrapped. They come from configuration (a Kubernetes Secret),
/// never from Redis, so a copy of Redis is a copy of ciphertext.
/// </summary>
public sealed class KeyEncryptionKeys
{
    /// <summary>Base64 of 32 random bytes (<c>openssl rand -base64 32</c>).</summary>
    public const string Setting = "DataProtection:KeyEncryptionKey";
    /// <summary>Former KEKs, for unwrapping only, while keys they wrapped are still in the ring (docs/operations.md).</summary>
    public const string PreviousSetting = "DataProtection:PreviousKeyEncryptionKeys";

    private readonly Lazy<(byte[] Current, string CurrentId, Dictionary<string, byte[]> ById)> _keys;

    public KeyEncryptionKeys(string ring, byte[] current, IEnumerable<byte[]> previous)
        : this(ring, () => (current, previous)) { }

    /// <summary>Reads the keys at their first use, so a missing KEK is reported by the start-up check with every
    /// other missing secret, rather than alone by whatever first builds the key ring.</summary>
    private KeyEncryptionKeys(string ring, Func<(byte[] Current, IEnumerable<byte[]> Previous)> load)
    {
        Ring = ring;
        _keys = new(() =>
        {
            var (current, previous) = load();
            return (current, IdOf(current), previous.Append(current).DistinctBy(IdOf).ToDictionary(IdOf, k => k));
        });
    }

    /// <summary>The ring these keys belong to: bound into every wrapped key, so one ring's key cannot be planted in another's.</summary>
    public string Ring { get; }
    public byte[] Current => _keys.Value.Current;
    /// <summary>Names the KEK in the stored XML without revealing it (the first 8 bytes of its SHA-256).</summary>
    public string CurrentId => _keys.Value.CurrentId;

    public byte[]? Find(string id) => _keys.Value.ById.GetValueOrDefault(id);

    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));

    /// <summary>
    /// From configuration. Development without a KEK uses the repository's development KEK (tests, a service run from
    /// an IDE); anywhere else a missing KEK has already stopped the start (<see cref="SecretCheck"/>), and one that is not
    /// 32 bytes of base64 stops it here, naming the setting and not the value.
    /// </summary>
    public static KeyEncryptionKeys From(IConfiguration configuration, IHostEnvironment environment, string ring) => new(ring, () =>
    {
        var current = configuration[Setting];
        if (string.IsNullOrWhiteSpace(current))
        {
            current = environment.IsDevelopment() ? DevelopmentSecrets.KeyEncryptionKey
                : throw new InvalidOperationException($"Secret {Setting} is not set: the deployment must provide it (docs/operations.md, \"Secrets\").");
        }
        var previous = configuration.GetSection(PreviousSetting).GetChildren()
            .Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => Parse(v!, PreviousSetting)).ToList();
        return (Parse(current, Setting), previous);
    });

    public const string Format = "32 random bytes in base64 (openssl rand -base64 32)";

    /// <summary>The declaration of the KEK as a secret, with its format checked at start.</summary>
    public static RequiredSecret Requirement { get; } = new(Setting, v => TryParse(v, out _), Format);

    private static bool TryParse(string value, out byte[] key)
    {
        key = new byte[32];
        return Convert.TryFromBase64String(value.Trim(), key, out var written) && written == 32;
    }

    private static byte[] Parse(string value, string setting) =>
        TryParse(value, out var key) ? key : throw new InvalidOperationException($"Secret {setting} must be {Format}.");
}
