using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>
/// The whole suite (<see cref="RunningSuite"/>) with its dashboard, once for all end-to-end tests. The gateway's limits
/// are lifted: the access matrix and the bad-input run call every endpoint in a row as one person, faster than anyone
/// clicks (the per-person limit is a few hundred requests; PerPersonRateLimitTests tests it with real tokens).
/// </summary>
public sealed class SuiteFixture() : RunningSuite(withDashboard: true), IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync(LiftGatewayRateLimits);

    public Task DisposeAsync() => StopAsync();
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
