using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using XinYu.Identity.Data;

namespace XinYu.Identity.Server;

/// <summary>
/// The server's signing and encryption keys: generated on first start, kept in identitydb (protected with Data
/// Protection keys held in Redis), shared by every replica, and rotated on demand. The newest active key signs;
/// retired keys stay published for <see cref="RetiredKeysPublishedFor"/> so tokens they signed still validate.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";
    public static readonly TimeSpan RetiredKeysPublishedFor = TimeSpan.FromDays(2);
    private const long GenerationLock = 0x58_49_4E_59_55_4B_59; // "XINYUKY"

    private readonly IDataProtector _protector = protection.CreateProtector("XinYu.Identity.SigningKeys");

    /// <summary>Signing keys newest first (the first signs), then encryption keys; creates them if there are none.</summary>
    public async Task<(IReadOnlyList<SecurityKey> Signing, IReadOnlyList<SecurityKey> Encryption)> LoadAsync(CancellationToken ct)
    {
        await EnsureActiveKeysAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var cutoff = time.GetUtcNow() - RetiredKeysPublishedFor;
        var rows = await db.SigningKeys
            .Where(k => k.RetiredAt == null || k.RetiredAt > cutoff)
            .OrderByDescending(k => k.RetiredAt == null).ThenByDescending(k => k.CreatedAt)
            .ToListAsync(ct);
        return (rows.Where(k => k.Purpose == Signing).Select(Unprotect).ToList(),
                rows.Where(k => k.Purpose == Encryption).Select(Unprotect).ToList());
    }

    /// <summary>Makes a new signing key the active one and retires the old. Replicas sign with it after a restart.</summary>
    public async Task<Guid> RotateSigningKeyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({GenerationLock})", ct);
        var now = time.GetUtcNow();
        await db.SigningKeys.Where(k => k.Purpose == Signing && k.RetiredAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RetiredAt, now), ct);
        var key = NewKey(Signing, now);
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return key.Id;
    }

    private async Task EnsureActiveKeysAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Replicas starting together must not each create a key of their own.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({GenerationLock})", ct);
        foreach (var purpose in new[] { Signing, Encryption })
        {
            if (!await db.SigningKeys.AnyAsync(k => k.Purpose == purpose && k.RetiredAt == null, ct))
            {
                db.SigningKeys.Add(NewKey(purpose, time.GetUtcNow()));
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private SigningKey NewKey(string purpose, DateTimeOffset now)
    {
        byte[] material;
        if (purpose == Signing)
        {
            using var rsa = RSA.Create(2048);
            material = rsa.ExportPkcs8PrivateKey();
        }
        else
        {
            material = RandomNumberGenerator.GetBytes(32);
        }
        return new SigningKey
        {
            Id = Guid.CreateVersion7(),
            Purpose = purpose,
            ProtectedKey = Convert.ToBase64String(_protector.Protect(material)),
            CreatedAt = now,
        };
    }

    private SecurityKey Unprotect(SigningKey row)
    {
        var material = _protector.Unprotect(Convert.FromBase64String(row.ProtectedKey));
        if (row.Purpose == Encryption)
        {
            return new SymmetricSecurityKey(material) { KeyId = row.Id.ToString("N") };
        }
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(material, out _);
        return new RsaSecurityKey(rsa) { KeyId = row.Id.ToString("N") };
    }
}
