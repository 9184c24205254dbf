using Microsoft.EntityFrameworkCore;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Screening.Apis;

/// <summary>
/// The door a student's code goes through, with the guessing limits: the campaign's count of calls with no valid code
/// per window, and each code's own count of calls (both in PostgreSQL, so every replica shares them).
/// </summary>
public static class AnswerCodeGate
{
    /// <summary>
    /// The one answer for a code that is mistyped, unknown, used, revoked, expired, locked or not yet open: a guesser
    /// learns nothing about which codes exist (docs/screening.md, "Answer codes").
    /// </summary>
    public const string NotValid = "This answer code is not valid now. Check it against your slip; if it still fails, ask your teacher for a new one.";

    public static RequestRejectedException NotValidCode() => new("code", NotValid);

    private sealed record CodeHit(Guid Id, int Attempts);

    /// <summary>
    /// The campaign and the code's row (tracked), after counting the call against the code; refuses with
    /// <see cref="NotValid"/> (400) or, once the campaign has taken too many wrong codes in this window, 429.
    /// The state of the code (used, revoked, window) is the caller's to judge: a retry of a used code is answered.
    /// </summary>
    public static async Task<(Campaign Campaign, AnswerCode Code)> FindAsync(Guid? campaignId, string? typed, ScreeningDbContext db,
        CampaignCache campaigns, AnswerCodeOptions options, DateTimeOffset now, CancellationToken ct)
    {
        // An unknown campaign holds no code: nothing to count, nothing to find.
        if (campaignId is not { } id || await campaigns.FindAsync(db, id, ct) is not { } campaign) throw NotValidCode();
        var window = AnswerCodeRules.FailureWindowStart(now, options.FailureWindow);
        var failures = await db.AnswerCodeFailures.AsNoTracking().Where(f => f.CampaignId == id && f.WindowStart == window)
            .Select(f => f.Failures).FirstOrDefaultAsync(ct);
        if (failures >= options.MaxFailuresPerCampaign)
        {
            throw new RequestRejectedException("code", "Too many wrong codes were tried for this screening just now. Wait a few minutes and try again.",
                StatusCodes.Status429TooManyRequests);
        }

        var normalised = AnswerCodeRules.Normalise(typed, options.Length);
        CodeHit? hit = null;
        if (normalised is not null)
        {
            var hash = AnswerCodeRules.Hash(options.Key, normalised);
            // One statement finds the code and counts the call, so two replicas never lose a count.
            hit = (await db.Database.SqlQuery<CodeHit>($"""
                UPDATE answer_codes SET attempts = attempts + 1 WHERE campaign_id = {id} AND code_hash = {hash}
                RETURNING id AS "Id", attempts AS "Attempts"
                """).ToListAsync(ct)).FirstOrDefault();
        }
        if (hit is null)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO answer_code_failures (campaign_id, window_start, failures) VALUES ({id}, {window}, 1)
                ON CONFLICT (campaign_id, window_start) DO UPDATE SET failures = answer_code_failures.failures + 1
                """, ct);
            throw NotValidCode();
        }
        if (hit.Attempts > options.MaxAttemptsPerCode) throw NotValidCode();
        var code = await db.AnswerCodes.FirstAsync(c => c.Id == hit.Id, ct);
        return (campaign, code);
    }
}
