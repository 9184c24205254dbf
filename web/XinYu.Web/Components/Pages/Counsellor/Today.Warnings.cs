using XinYu.Client.Staff;

namespace XinYu.Web.Components.Pages.Counsellor;

/// <summary>
/// Today's warnings worked from the page: acknowledging (after a confirmation: it stops the escalation), escalating by
/// hand one tier up (after a confirmation naming the tier: the school's judgement that it cannot wait for the deadline)
/// and recording an observation of the warning's student (it raises a warning of its own).
/// </summary>
public partial class Today
{
    /// <summary>The crisis level's code as Screening's default levels name it (its last level).</summary>
    public const string CrisisLevel = "crisis";

    private enum WarningAction { Acknowledge, Escalate, Observe }

    private WarningSummary? _acting;
    private WarningAction _action;
    private bool _busy;
    private FormProblem _actionProblem = FormProblem.None;
    private string? _done;

    /// <summary>Crises first, each group newest first: the one that cannot wait is at the top.</summary>
    public static IReadOnlyList<WarningSummary> NewestCrisisFirst(IEnumerable<WarningSummary> warnings) =>
        warnings.OrderByDescending(w => w.Level == CrisisLevel).ThenByDescending(w => w.RaisedAt).ToList();

    /// <summary>The tier a warning would go to by hand; null at the bureau, the chain's top (班级 → 校级 → 市级).</summary>
    public static string? NextTier(string tier) => tier switch
    {
        "class" => "school",
        "school" => "bureau",
        _ => null,
    };

    private void AskToAcknowledge(WarningSummary warning) => Act(warning, WarningAction.Acknowledge);

    private void AskToEscalate(WarningSummary warning) => Act(warning, WarningAction.Escalate);

    private void StartObserving(WarningSummary warning) => Act(warning, WarningAction.Observe);

    private void Act(WarningSummary warning, WarningAction action)
    {
        (_acting, _action, _actionProblem, _done) = (warning, action, FormProblem.None, null);
    }

    private void StopActing() => (_acting, _actionProblem) = (null, FormProblem.None);

    private Task AcknowledgeAsync() => RunAsync(async w =>
    {
        await Screening.AcknowledgeWarningAsync(w.Id);
        return T["Acknowledged"];
    });

    private Task EscalateAsync() => RunAsync(async w =>
    {
        var moved = await Screening.EscalateWarningAsync(w.Id);
        return T["Escalated", T.Code("Tier", moved.Tier)];
    });

    private Task ObserveAsync(ObservationRequest request) => RunAsync(async _ =>
    {
        await Screening.ObserveAsync(request);
        return T["ObservationRecorded"];
    }, "level", "note");

    /// <summary>One action on the warning being worked: on success the queue is read again; a refusal stays beside it.</summary>
    private async Task RunAsync(Func<WarningSummary, Task<string>> action, params string[] fields)
    {
        if (_acting is not { } warning || _busy) return;
        _busy = true;
        try
        {
            _done = await action(warning);
            StopActing();
            await LoadAsync();
        }
        catch (Exception e) when (e is Refit.ApiException or HttpRequestException or TaskCanceledException)
        {
            _actionProblem = FormProblem.From(e, T, fields);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>How long until the warning escalates; "due now" once past (the sweep moves it within its interval).</summary>
    private string Until(DateTimeOffset at)
    {
        var minutes = (int)Math.Ceiling((at - Clock.GetUtcNow()).TotalMinutes);
        return minutes <= 0 ? T["EscalatesNow"]
            : minutes <= 90 ? T["EscalatesInMinutes", minutes] // a fresh crisis warning: "60 min", not a rounded "1 h"
            : minutes < 48 * 60 ? T["EscalatesInHours", minutes / 60]
            : T["EscalatesInDays", minutes / (24 * 60)];
    }
}
