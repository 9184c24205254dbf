using System.Security.Cryptography;
using System.Text;

namespace XinYu.ServiceDefaults.Secrets;

/// <summary>
/// The secret values anyone can read in the repository: what Development runs on. Every such value carries the marker
/// <c>dev-only</c> (the dev overlay's passwords are <c>&lt;parameter&gt;-dev-only</c>, appsettings.Development.json's
/// keys say <c>development-only</c>), so one rule recognises them inside connection strings too; values that cannot
/// carry a marker (a base64 key) are listed.
/// </summary>
public static class DevelopmentSecrets
{
    private static readonly string[] Markers = ["dev-only", "development-only"];

    /// <summary>The key-encryption key Development falls back to when none is set (tests, a service run from an IDE).</summary>
    public static readonly string KeyEncryptionKey =
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("XinYu development-only key-encryption key")));

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { KeyEncryptionKey };

    public static bool IsDevelopmentValue(string value) =>
        Known.Contains(value.Trim()) || Markers.Any(marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
