using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Gateway;

/// <summary>Whose budget a request spends: a person's, a partner client's, or (before sign-in) an address's.</summary>
public enum CallerKind { Person, Client, Address }

/// <summary>
/// The rate-limit partition of one request. Every staff token carries the same client (the web app's), so the
/// person (the token's subject) comes first: one user's flood then spends only their own budget. A partner's
/// client-credentials token is its client; a call without a valid token is its address.
/// </summary>
/// <remarks>
/// Read only from <see cref="HttpContext.User"/>, which authentication fills from a token whose signature, issuer,
/// audience and lifetime it has checked (the limiter runs after it): a forged token with any <c>sub</c> is no user, so
/// it spends its address's budget. The key is a keyed hash (with a key made at start-up, never stored) so the account
/// id or address never sits in the limiter's tables, logs or metrics and cannot be recovered by trying every address.
/// </remarks>
public readonly record struct CallerPartition(CallerKind Kind, string Key)
{
    private static readonly byte[] HashKey = RandomNumberGenerator.GetBytes(32);

    public static CallerPartition Of(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var subject = user.FindFirstValue(XinYuClaims.Subject);
            var client = user.FindFirstValue(XinYuClaims.ClientId);
            // Identity makes a client-credentials token's subject its client id; another provider may leave it out.
            if (!string.IsNullOrEmpty(subject) && subject != client) return Hashed(CallerKind.Person, subject);
            if (!string.IsNullOrEmpty(client)) return Hashed(CallerKind.Client, client);
        }
        return Hashed(CallerKind.Address, context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString());
    }

    private static CallerPartition Hashed(CallerKind kind, string id) =>
        new(kind, Convert.ToHexString(HMACSHA256.HashData(HashKey, Encoding.UTF8.GetBytes($"{kind}:{id}")), 0, 16));
}
