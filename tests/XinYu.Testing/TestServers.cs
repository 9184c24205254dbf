using Npgsql;
using XinYu.AppHost.Hosting;

namespace XinYu.Testing;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ for a test run: started once per test assembly on free ports, through the same
/// orchestration code as <c>dotnet run --project XinYu.AppHost</c>, with data in a temporary folder. Stopped when
/// the test process exits; if it is killed, the AppHost's reaper stops them.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<DistributedApplication>> Started = new(StartAsync);

    public static Task<DistributedApplication> GetAsync() => Started.Value;

    /// <summary>A new, empty database on the shared server, so each test class starts from nothing.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var app = await GetAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        var server = app.GetConnectionString("postgres");
        await using var connection = new NpgsqlConnection(server + ";Database=postgres");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return server + $";Database={name}";
    }

    public static async Task<string> ConnectionStringAsync(string resource) => (await GetAsync()).GetConnectionString(resource);

    private static async Task<DistributedApplication> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "xinyu-tests", Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplication.CreateBuilder(new AppHostOptions
        {
            DataDirectory = dataDirectory,
            Ephemeral = true,
        });
        builder.AddPostgres("postgres");
        builder.AddRedis("cache");
        builder.AddRabbitMQ("messaging");
        var app = new DistributedApplication(builder.Build().Model, builder.Options)
        {
            Output = TextWriter.Null,
        };
        await app.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            app.StopAsync().Wait(TimeSpan.FromSeconds(30));
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return app;
    }
}
