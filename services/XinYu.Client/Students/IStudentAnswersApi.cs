using Refit;

namespace XinYu.Client.Students;

/// <summary>
/// Screening's students' side, through the gateway and without a token (students have no accounts): the code in the
/// body proves who answers. The web app's answer pages call it.
/// </summary>
public interface IStudentAnswersApi
{
    [Post("/api/screening/answer-codes/redeem")]
    Task<RedeemedCode> RedeemAsync([Body] RedeemRequest request, CancellationToken ct = default);

    [Post("/api/screening/answer-codes/submissions")]
    Task<CodeSubmissionResult> SubmitAsync([Body] CodeSubmissionRequest request, CancellationToken ct = default);
}

public sealed record RedeemRequest(Guid CampaignId, string Code);

public sealed record ScaleLabel(int Value, string LabelZh, string LabelEn);

public sealed record AnswerScale(int Min, int Max, IReadOnlyList<ScaleLabel> Labels);

public sealed record StudentItem(string Code, string TextZh, string TextEn);

public sealed record StudentInstrument(string Code, int Version, string NameZh, string NameEn, AnswerScale Scale, IReadOnlyList<StudentItem> Items);

public sealed record RedeemedCode(Guid CampaignId, string CampaignName, string Explanation, DateOnly WindowEnd, IReadOnlyList<StudentInstrument> Instruments);

public sealed record InstrumentAnswers(string InstrumentCode, int InstrumentVersion, IReadOnlyList<int> Answers);

public sealed record CodeSubmissionRequest(Guid CampaignId, string Code, Guid SubmissionId, IReadOnlyList<InstrumentAnswers> Answers);

public sealed record HotlineView(string Name, string Number);

public sealed record SupportView(IReadOnlyList<HotlineView> Hotlines, DateOnly? ContactBy);

/// <summary>"submitted" or "already-submitted"; <see cref="Support"/> when a critical item was answered. Never a score.</summary>
public sealed record CodeSubmissionResult(string Status, DateTimeOffset SubmittedAt, SupportView? Support);
