using Refit;

namespace XinYu.Client;

/// <summary>The provincial crisis platform's pull of the bureau's high-risk cases, scope <c>xinyu.crisis-export</c> (docs/screening.md).</summary>
public interface ICrisisExportApi
{
    [Get("/api/screening/crisis-export")]
    Task<CrisisExport> PullAsync(CancellationToken ct = default);
}

public sealed record CrisisExport(int FormatVersion, Guid BureauId, DateTimeOffset GeneratedAt, IReadOnlyList<CrisisCase> Cases);

/// <summary>A case as the platform sees it: a pseudonym, never a name.</summary>
public sealed record CrisisCase(string StudentPseudonym, Guid SchoolId, string Level, DateTimeOffset? Since, string PlanStatus);
