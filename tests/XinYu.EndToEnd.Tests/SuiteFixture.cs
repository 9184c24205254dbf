using XinYu.Testing.Suite;

namespace XinYu.EndToEnd.Tests;

/// <summary>The whole suite (<see cref="RunningSuite"/>), once for all end-to-end tests.</summary>
public sealed class SuiteFixture : RunningSuite, IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
