using Microsoft.Extensions.Options;
using XinYu.Screening.Domain;
using XinYu.ServiceDefaults.Jobs;

namespace XinYu.Screening.Jobs;

/// <summary>
/// Screening's periodic work: warnings not acknowledged in time move up a tier, then overdue follow-ups raise
/// warnings (<see cref="EscalationSweep"/>), every <see cref="EscalationOptions.SweepInterval"/>; one replica a round.
/// </summary>
public sealed class EscalationJob(EscalationSweep sweep, IOptionsMonitor<ScreeningOptions> options) : IPeriodicJob
{
    public TimeSpan Interval => options.CurrentValue.Escalation.SweepInterval;

    public bool Enabled => options.CurrentValue.Escalation.Enabled;

    public async Task<int> RunAsync(CancellationToken ct) =>
        await sweep.SweepAsync(ct) + await sweep.SweepOverdueFollowUpsAsync(ct);
}
