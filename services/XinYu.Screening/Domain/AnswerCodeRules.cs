using System.Security.Cryptography;
using System.Text;

namespace XinYu.Screening.Domain;

/// <summary>What an answer code looks like, how it is drawn and hashed, and what state it is in.</summary>
public static class AnswerCodeRules
{
    /// <summary>
    /// Letters and digits a student copies from a printed slip without doubt: no 0/O, 1/I/L (and no U/V, which
    /// handwriting and some fonts confuse). 29 symbols; 8 of them are 29^8 ≈ 5·10^11 codes.
    /// </summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";

    public const string Issued = "issued", Used = "used", Revoked = "revoked", Expired = "expired", Locked = "locked";

    /// <summary>A fresh code from the operating system's CSPRNG.</summary>
    public static string NewCode(int length) => new(RandomNumberGenerator.GetItems<char>(Alphabet, length));

    /// <summary>
    /// What the student typed, as the code it means: upper case, without spaces or hyphens (a slip prints it in two
    /// groups), or null when it cannot be a code at all (wrong length or a symbol outside the alphabet).
    /// </summary>
    public static string? Normalise(string? typed, int length)
    {
        if (typed is null || typed.Length > 4 * length) return null;
        var code = new StringBuilder(length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-') continue;
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper)) return null;
            code.Append(upper);
        }
        return code.Length == length ? code.ToString() : null;
    }

    /// <summary>The keyed hash stored for a code: without the deployment's key a copy of the table opens no code.</summary>
    public static byte[] Hash(string key, string normalisedCode) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(normalisedCode));

    /// <summary>
    /// The code's state on a school day, as the class's list shows it: used and revoked are final; an unused code
    /// expires with the campaign's window, and locks once it has taken every call it may.
    /// </summary>
    public static string Status(AnswerCode code, Campaign campaign, DateOnly today, int maxAttempts) =>
        code.UsedAt is not null ? Used
        : code.RevokedAt is not null ? Revoked
        : today > campaign.WindowEnd ? Expired
        : code.Attempts >= maxAttempts ? Locked
        : Issued;

    /// <summary>
    /// A code answers only unused, unrevoked and inside the campaign's window (not before it opens either). Its count of
    /// calls is judged as the call is counted (<c>AnswerCodeGate</c>), since the count then includes this call.
    /// </summary>
    public static bool Redeemable(AnswerCode code, Campaign campaign, DateOnly today) =>
        code.UsedAt is null && code.RevokedAt is null && today >= campaign.WindowStart && today <= campaign.WindowEnd;

    /// <summary>The start of the fixed window of the per-campaign failure count that <paramref name="now"/> falls in.</summary>
    public static DateTimeOffset FailureWindowStart(DateTimeOffset now, TimeSpan window) =>
        new(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
}
