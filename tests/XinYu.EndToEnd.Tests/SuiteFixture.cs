using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>The whole suite (<see cref="RunningSuite"/>) with its dashboard, once for all end-to-end tests.</summary>
public sealed class SuiteFixture() : RunningSuite(withDashboard: true), IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
