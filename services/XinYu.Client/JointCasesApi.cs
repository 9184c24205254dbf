using Refit;

namespace XinYu.Client;

/// <summary>Joint crisis cases (家校社医协同) shared with the calling agency, scope <c>xinyu.joint-cases</c>; nothing else.</summary>
public interface IJointCasesApi
{
    [Get("/api/liaison/joint-cases")]
    Task<IReadOnlyList<JointCase>> ListAsync(CancellationToken ct = default);

    /// <summary>One case shared with the caller; 404 for any other.</summary>
    [Get("/api/liaison/joint-cases/{caseId}")]
    Task<JointCase> GetAsync(Guid caseId, CancellationToken ct = default);
}

public sealed record JointCase(Guid Id, Guid StudentId, Guid SchoolId, string Summary, IReadOnlyList<string> SharedWith, DateTimeOffset OpenedAt);
