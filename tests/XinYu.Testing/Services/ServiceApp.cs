using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MassTransit;

namespace XinYu.Testing.Services;

/// <summary>
/// One real XinYu service (its Program, migrations, outbox relay, consumers) on a fresh database of the test servers,
/// with the test servers' Redis and RabbitMQ. Only sign-in is replaced: a caller's roles, bureau, school, classes,
/// agency and scopes come from request headers (<see cref="HeaderCaller"/>) instead of a JWT, because token issuance
/// is Identity's business and is covered end to end. The service's own policies and scope checks run unchanged.
/// Each service's test project derives one small class from this, naming its database and DbContext.
/// </summary>
public abstract class ServiceApp<TEntryPoint, TContext>(string databaseName) : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
    where TContext : DbContext
{
    private string _database = "";
    private string _owner = "";
    private string _cache = "";
    private string _messaging = "";

    public virtual async Task InitializeAsync()
    {
        // As in a real run: migrations with the owner role, the service with its own role (DatabaseRoles).
        _owner = await TestServers.CreateDatabaseAsync(databaseName.Replace("db", ""));
        _database = TestServers.AppRoleConnectionString(_owner);
        _cache = await TestServers.ConnectionStringAsync("cache");
        _messaging = await TestServers.ConnectionStringAsync("messaging");
    }

    /// <summary>Settings the derived fixture wants to change (a deadline, a policy switch), as configuration keys.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    /// <summary>
    /// What the service runs as. Development, as in a local run (the repository's development secrets are accepted);
    /// a fixture that checks what a deployment refuses runs as Production.
    /// </summary>
    protected virtual string EnvironmentName => Environments.Development;

    /// <summary>
    /// False for Identity, which issues the tokens itself: its tests sign in for real (authorization code with PKCE)
    /// and call it with the bearer tokens it issued.
    /// </summary>
    protected virtual bool SignsInByHeaders => true;

    /// <summary>Services the derived fixture replaces (a controllable clock, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // UseSetting, not ConfigureAppConfiguration: Program reads the connection strings while building.
        builder.UseSetting($"ConnectionStrings:{databaseName}", _database);
        builder.UseSetting($"ConnectionStrings:{databaseName}-owner", _owner);
        builder.UseSetting("ConnectionStrings:cache", _cache);
        builder.UseSetting("ConnectionStrings:messaging", _messaging);
        // Queues of this instance only: test classes run at once, and two instances of a service on one queue would
        // each get only some of the messages a test publishes.
        builder.UseSetting("Messaging:QueuePrefix", $"{databaseName.Replace("db", "")}-test-{Guid.NewGuid():N}"[..Math.Min(databaseName.Length + 14, 40)]);
        // Tests run a periodic job's rounds themselves (on their fake clocks): none starts behind their backs.
        builder.UseSetting("PeriodicJobs:StartDelay", "1.00:00:00");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            if (SignsInByHeaders)
            {
                services.AddAuthentication(HeaderCaller.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderCaller>(HeaderCaller.SchemeName, _ => { });
            }
            ConfigureServices(services);
        });
    }

    /// <summary>
    /// Starts the service and waits until its consumers listen. The service itself starts without waiting for the broker
    /// (MessagingExtensions), so without this a test's first event could be published before the service's queues are
    /// bound to their exchanges, and RabbitMQ drops a message no queue is bound for: the test then waits in vain for
    /// a school or a student that never arrives (seen in CI, issue #16's last run).
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (host.Services.GetService<IBusControl>() is { } bus
            && bus.WaitForHealthStatus(BusHealthStatus.Healthy, BusStartTimeout).GetAwaiter().GetResult() != BusHealthStatus.Healthy)
        {
            throw new TimeoutException($"The service's consumers were not listening on the test broker within {BusStartTimeout.TotalSeconds} s.");
        }
        return host;
    }

    private static readonly TimeSpan BusStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A client signed in as <paramref name="caller"/>.</summary>
    public HttpClient As(TestCaller caller)
    {
        var client = CreateClient();
        caller.ApplyTo(client.DefaultRequestHeaders);
        return client;
    }

    /// <summary>A staff client with <paramref name="role"/> in <paramref name="bureau"/> (and <paramref name="school"/>).</summary>
    public HttpClient As(string role, Guid bureau, Guid? school = null, params Guid[] classes) =>
        As(new TestCaller(role, bureau, school, classes));

    /// <summary>The owner role's connection (what migrations use): for tests that act as someone who bypasses the service.</summary>
    public string OwnerConnectionString => _owner;

    /// <summary>The service's own role's connection.</summary>
    public string AppConnectionString => _database;

    /// <summary>Runs <paramref name="query"/> against the service's database, as a separate reader would.</summary>
    public async Task<T> QueryAsync<T>(Func<TContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
