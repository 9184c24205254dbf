using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;

namespace XinYu.Testing;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ for a test run: the AppHost's own executable resources, started once per test
/// assembly by Aspire's test host (<c>--infrastructure-only</c>) on free ports, with data in a temporary folder of
/// their own (never the developer's <c>.xinyu/</c>). Stopped when the test process exits; if it is killed, DCP stops them.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<DistributedApplication>> Started = new(StartAsync);

    public static Task<DistributedApplication> GetAsync() => Started.Value;

    /// <summary>A new, empty database on the shared server, so each test class starts from nothing.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        var server = await ConnectionStringAsync("postgres");
        await using var connection = new NpgsqlConnection(server + ";Database=postgres");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return server + $";Database={name}";
    }

    /// <summary>
    /// The connection of the database's own service role (created by the service's migrator from the owner
    /// connection <paramref name="ownerConnection"/>, as in a real run): its own name and password per database.
    /// </summary>
    public static string AppRoleConnectionString(string ownerConnection)
    {
        var builder = new NpgsqlConnectionStringBuilder(ownerConnection);
        builder.Username = $"{builder.Database}_app"[..Math.Min(builder.Database!.Length + 4, 63)];
        builder.Password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        // A test may hold a lock the service's query waits for (ReplicaRace holds a table until every round waits on
        // it). On a two-core CI machine running the test assemblies side by side, the last round can take longer than
        // Npgsql's default 30 s to get there, and the first then failed with a read timeout (seen in CI).
        builder.CommandTimeout = 120;
        return builder.ConnectionString;
    }

    public static async Task<string> ConnectionStringAsync(string resource) =>
        await (await GetAsync()).GetConnectionStringAsync(resource)
        ?? throw new InvalidOperationException($"'{resource}' has no connection string.");

    /// <summary>Stops a server (a broker outage, say) and waits until it is down; its port and data stay.</summary>
    public static async Task StopAsync(string resource)
    {
        var app = await GetAsync();
        await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        await app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates);
    }

    /// <summary>Starts a stopped server again and waits until it is healthy.</summary>
    public static async Task StartAsync(string resource)
    {
        var app = await GetAsync();
        await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
    }

    private static async Task<DistributedApplication> StartAsync()
    {
        StaleTestFolders.Sweep(Path.Combine(Path.GetTempPath(), "xinyu-tests"));
        var dataDirectory = Path.Combine(Path.GetTempPath(), "xinyu-tests", Guid.NewGuid().ToString("N")[..12]);
        var app = await AppHostUnderTest.StartAsync(["--infrastructure-only", "--data-dir", dataDirectory, "--ephemeral"],
            ["postgres", "cache", "messaging"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            app.StopAsync().Wait(TimeSpan.FromSeconds(30));
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return app;
    }
}
