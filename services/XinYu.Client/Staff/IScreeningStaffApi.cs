using Refit;

namespace XinYu.Client.Staff;

/// <summary>
/// Screening's API as the staff web app calls it through the gateway, with the signed-in member of staff's token
/// (the web app adds it). The API decides what the caller may see; this interface only names the calls.
/// </summary>
public interface IScreeningStaffApi
{
    /// <summary>The school's warnings, newest first: open ones unless <paramref name="includeAcknowledged"/>.</summary>
    [Get("/api/screening/schools/{schoolId}/warnings")]
    Task<IReadOnlyList<WarningSummary>> SchoolWarningsAsync(Guid schoolId, bool? includeAcknowledged = null, CancellationToken ct = default);
}

/// <summary>A warning in a queue: ids, level, tier and status (Screening's WarningView); never the observation's text.</summary>
public sealed record WarningSummary(Guid Id, Guid StudentId, Guid SchoolId, Guid ClassId, string Level, string Source, string Tier,
    DateTimeOffset TierSince, DateTimeOffset RaisedAt, string Status, DateTimeOffset? AcknowledgedAt);
