using Refit;

namespace XinYu.Client;

/// <summary>
/// A partner hospital's side of the green channel (绿色通道), scope <c>xinyu.referrals</c>: the referrals addressed to
/// it, its answer (accept or decline) and its reports back. It never sees the rest of a student's file.
/// </summary>
public interface IReferralsApi
{
    /// <summary>Referrals addressed to the calling hospital, newest first.</summary>
    [Get("/api/screening/referrals/inbox")]
    Task<IReadOnlyList<PartnerReferral>> InboxAsync(CancellationToken ct = default);

    /// <summary>One referral addressed to the caller; 404 for any other.</summary>
    [Get("/api/screening/referrals/{referralId}")]
    Task<PartnerReferral> GetAsync(Guid referralId, CancellationToken ct = default);

    [Post("/api/screening/referrals/{referralId}/accept")]
    Task<PartnerReferral> AcceptAsync(Guid referralId, CancellationToken ct = default);

    [Post("/api/screening/referrals/{referralId}/decline")]
    Task<PartnerReferral> DeclineAsync(Guid referralId, CancellationToken ct = default);

    /// <summary>Reports back: <c>seen</c> (seenOn), <c>recommendation</c> (a code), <c>treatment-leave</c> (leaveFrom, leaveUntil).</summary>
    [Post("/api/screening/referrals/{referralId}/feedback")]
    Task<PartnerReferral> FeedbackAsync(Guid referralId, [Body] ReferralFeedback feedback, CancellationToken ct = default);
}

public sealed record PartnerReferral(Guid ReferralId, Guid StudentId, Guid SchoolId, string ReasonCode, DateTimeOffset ReferredAt,
    string Status, DateTimeOffset? AnsweredAt, IReadOnlyList<ReferralFeedbackReceived> Feedback);

public sealed record ReferralFeedbackReceived(string Kind, DateOnly? SeenOn, string? Recommendation, DateOnly? LeaveFrom, DateOnly? LeaveUntil, DateTimeOffset ReceivedAt);

public sealed record ReferralFeedback(string Kind, DateOnly? SeenOn = null, string? Recommendation = null, DateOnly? LeaveFrom = null, DateOnly? LeaveUntil = null);
