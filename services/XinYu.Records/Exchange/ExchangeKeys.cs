using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Data;

namespace XinYu.Records.Exchange;

/// <summary>Settings for file exchange with other bureaus (section <c>Records:Exchange</c>).</summary>
public sealed class ExchangeOptions
{
    /// <summary>Partner bureaus known by configuration, besides those a bureau admin registers through the API.</summary>
    public List<ExchangePartnerSetting> Partners { get; set; } = [];
}

public sealed class ExchangePartnerSetting
{
    /// <summary>The local bureau that trusts the partner.</summary>
    public Guid BureauId { get; set; }
    public Guid PartnerBureauId { get; set; }
    public string SigningPublicKey { get; set; } = "";
    public string AgreementPublicKey { get; set; } = "";
}

/// <summary>A bureau's own exchange keys (generated once, stored encrypted) and its partners' public keys.</summary>
public sealed class ExchangeKeys(IOptionsMonitor<ExchangeOptions> options, TimeProvider clock)
{
    public const string Signing = "signing";
    public const string Agreement = "agreement";

    public async Task<(ECDsa Signing, ECDiffieHellman Agreement, string SigningPublic, string AgreementPublic)> OwnAsync(RecordsDbContext db, Guid bureauId,
        CancellationToken ct)
    {
        var signing = await KeyAsync(db, bureauId, Signing, ct);
        var agreement = await KeyAsync(db, bureauId, Agreement, ct);
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(signing.PrivateKey), out _);
        var ecdh = ECDiffieHellman.Create();
        ecdh.ImportPkcs8PrivateKey(Convert.FromBase64String(agreement.PrivateKey), out _);
        return (ecdsa, ecdh, signing.PublicKey, agreement.PublicKey);
    }

    private async Task<ExchangeKey> KeyAsync(RecordsDbContext db, Guid bureauId, string purpose, CancellationToken ct)
    {
        var existing = await db.ExchangeKeys.AsNoTracking().SingleOrDefaultAsync(k => k.BureauId == bureauId && k.Purpose == purpose, ct);
        if (existing is not null) return existing;
        AsymmetricAlgorithm key = purpose == Signing ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using (key)
        {
            var created = new ExchangeKey
            {
                BureauId = bureauId, Purpose = purpose, PrivateKey = Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
                PublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), CreatedAt = clock.GetUtcNow(),
            };
            try
            {
                db.ExchangeKeys.Add(created);
                await db.SaveChangesAsync(ct);
                db.Entry(created).State = EntityState.Detached;
                return created;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation(out _))
            {
                db.Entry(created).State = EntityState.Detached; // another request generated it first: use theirs
                return await db.ExchangeKeys.AsNoTracking().SingleAsync(k => k.BureauId == bureauId && k.Purpose == purpose, ct);
            }
        }
    }

    /// <summary>
    /// A bureau of this deployment: Records already holds its key pair, or knows a school of it. Its keys are its own
    /// (<see cref="OwnAsync"/>); nobody registers them, so no admin can put a key pair of their own in its place.
    /// </summary>
    public static async Task<bool> IsLocalAsync(RecordsDbContext db, Guid bureauId, CancellationToken ct) =>
        await db.ExchangeKeys.AnyAsync(k => k.BureauId == bureauId, ct) || await db.Schools.AnyAsync(s => s.BureauId == bureauId, ct);

    /// <summary>
    /// The partner's public keys, and whether this bureau may use them: a bureau of this deployment's own keys, a
    /// partner in the settings (put there by the city's operators), or a registration a second admin approved.
    /// </summary>
    public async Task<PartnerKeys> PartnerAsync(RecordsDbContext db, Guid bureauId, Guid partnerBureauId, CancellationToken ct)
    {
        if (await IsLocalAsync(db, partnerBureauId, ct))
        {
            var own = await OwnAsync(db, partnerBureauId, ct);
            own.Signing.Dispose();
            own.Agreement.Dispose();
            return new PartnerKeys(PartnerStanding.Local, own.SigningPublic, own.AgreementPublic);
        }
        if (options.CurrentValue.Partners.FirstOrDefault(p => p.BureauId == bureauId && p.PartnerBureauId == partnerBureauId) is { } configured)
            return new PartnerKeys(PartnerStanding.Configured, configured.SigningPublicKey, configured.AgreementPublicKey);
        var stored = await db.ExchangePartners.AsNoTracking().SingleOrDefaultAsync(p => p.BureauId == bureauId && p.PartnerBureauId == partnerBureauId, ct);
        return stored is null ? new PartnerKeys(PartnerStanding.Unknown, "", "")
            : new PartnerKeys(stored.IsApproved ? PartnerStanding.Approved : PartnerStanding.AwaitingApproval, stored.SigningPublicKey, stored.AgreementPublicKey);
    }

    public static bool IsPublicKey(string? base64, bool signing)
    {
        if (string.IsNullOrEmpty(base64) || base64.Length > 400) return false;
        try
        {
            var bytes = Convert.FromBase64String(base64);
            using AsymmetricAlgorithm key = signing ? ECDsa.Create() : ECDiffieHellman.Create();
            key.ImportSubjectPublicKeyInfo(bytes, out _);
            return key.KeySize == 256;
        }
        catch (Exception e) when (e is FormatException or CryptographicException) { return false; }
    }
}

/// <summary>Where a partner's keys come from; only <see cref="PartnerKeys.Usable"/> ones seal or open packages.</summary>
public enum PartnerStanding { Unknown, AwaitingApproval, Approved, Configured, Local }

public sealed record PartnerKeys(PartnerStanding Standing, string SigningPublicKey, string AgreementPublicKey)
{
    public bool Usable => Standing is PartnerStanding.Approved or PartnerStanding.Configured or PartnerStanding.Local;

    /// <summary>The keys, or a problem naming <paramref name="field"/>: 400 for no partner, 409 while a registration awaits its second admin.</summary>
    public PartnerKeys Require(string field) => Standing switch
    {
        PartnerStanding.Unknown => throw new RequestRejectedException(field, "No partner bureau with this id: register its public keys first."),
        PartnerStanding.AwaitingApproval => throw new RequestRejectedException(field,
            "The partner's keys await approval by a second bureau admin (POST /api/records/exchange/partners/{partnerBureauId}/approve).",
            StatusCodes.Status409Conflict),
        _ => this,
    };
}
