using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace XinYu.AppHost.Servers;

/// <summary>The machine's PostgreSQL (Debian's package), run by DCP as an executable. Aspire's own is a container.</summary>
public sealed class LocalPostgresResource(string name, string command, string dataFolder, ParameterResource password, int port)
    : ExecutableResource(name, command, dataFolder), IResourceWithConnectionString
{
    public const string UserName = "postgres";
    public ParameterResource Password { get; } = password;
    public string DataFolder { get; } = dataFolder;
    public EndpointReference Endpoint => new(this, "tcp");
    /// <summary>Chosen by the AppHost: the server is not behind DCP's proxy.</summary>
    public int Port { get; } = port;
    public List<LocalPostgresDatabaseResource> Databases { get; } = [];

    /// <summary>The format of Aspire's own PostgreSQL resource, so the services cannot tell the two apart.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}

/// <summary>A database of <see cref="LocalPostgresResource"/>, created once the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={Name}");

    /// <summary>The same database as another login (a service's own role, which its migrator creates).</summary>
    public ReferenceExpression ConnectionStringAs(string userName, ParameterResource password) => ReferenceExpression.Create(
        $"Host={Parent.Endpoint.Property(EndpointProperty.Host)};Port={Parent.Endpoint.Property(EndpointProperty.Port)};Username={userName};Password={password};Database={Name}");
}

internal static class LocalPostgres
{
    public static IResourceBuilder<LocalPostgresResource> Add(IDistributedApplicationBuilder builder, string name, LocalRunOptions options)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (bin is null) throw LocalServer.Missing("PostgreSQL", "postgresql");

        var folder = options.DataFolderOf(name);
        var clusterFolder = Path.Combine(folder, "pgdata");
        var passwordValue = LocalServer.PasswordFor(folder);
        var password = builder.AddParameter($"{name}-password", passwordValue, secret: true);
        var port = LocalServer.FreePort();
        var (command, prefix) = LocalServer.AsServerUser(Path.Combine(bin, "postgres"), "postgres", "postgresql");

        List<string> args = [.. prefix, "-D", clusterFolder, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=400"];
        if (options.Ephemeral)
        {
            // Test runs only: durability traded for speed.
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        // The AppHost's own connections (health, creating databases) are not pooled: DCP stops the server with SIGTERM,
        // PostgreSQL's "smart" shutdown, which waits for every client to leave.
        var admin = $"Host=127.0.0.1;Port={port};Username={LocalPostgresResource.UserName};Password={passwordValue};Database=postgres;Pooling=false;Timeout=3";
        var healthKey = $"{name}-ready";
        builder.Services.AddHealthChecks().AddNpgSql(admin, name: healthKey);

        // DCP stops an executable with SIGTERM, which is PostgreSQL's "smart" shutdown: it refuses new connections and
        // waits for every client to leave, and the services' pooled connections never leave, so a Stop from the
        // dashboard (or the benchmark's database outage) left a server that answered nobody and never exited. A shell
        // in front turns DCP's SIGTERM into SIGINT, the "fast" shutdown (clients disconnected, everything committed
        // kept), and exits with the server's own status.
        const string fastStop = """
            trap 'stopping=1; kill -INT "$server"' TERM
            "$@" & server=$!
            wait "$server"; status=$?
            if [ -n "$stopping" ]; then wait "$server"; status=$?; fi
            exit "$status"
            """;
        var server = builder.AddResource(new LocalPostgresResource(name, "/bin/sh", folder, password.Resource, port))
            .WithLocalTcpEndpoint(port)
            .WithArgs(["-c", fastStop, "postgres-fast-stop", command, .. args])
            .WithHealthCheck(healthKey)
            .WithIconName("Database");

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server.Resource, async (_, ct) =>
        {
            if (!File.Exists(Path.Combine(clusterFolder, "PG_VERSION")))
            {
                await InitialiseAsync(bin, clusterFolder, passwordValue, ct);
            }
        });
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (e, ct) =>
        {
            await CreateDatabasesAsync(admin, server.Resource.Databases, ct);
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Resource.Databases)
            {
                await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
            }
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server.Resource, async (e, _) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Resource.Databases)
            {
                await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Exited, StopTimeStamp = DateTime.UtcNow });
            }
        });
        return server;
    }

    /// <summary>
    /// A database, shown under its server in the dashboard. Aspire mirrors a parent's state only onto children of a
    /// container, so <c>WaitFor(database)</c> would wait for ever: the server's ready handler above publishes the
    /// databases' state itself, and each database has a health check of its own (it exists and answers).
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, server.Resource);
        server.Resource.Databases.Add(database);
        var healthKey = $"{name}-ready";
        var password = LocalServer.PasswordFor(server.Resource.DataFolder);
        builder.Services.AddHealthChecks().AddNpgSql(
            $"Host=127.0.0.1;Port={server.Resource.Port};Username={LocalPostgresResource.UserName};Password={password};Database={name};Pooling=false;Timeout=3",
            name: healthKey);
        return builder.AddResource(database)
            .WithHealthCheck(healthKey)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            });
    }

    private static async Task InitialiseAsync(string bin, string clusterFolder, string password, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(clusterFolder)!;
        await LocalServer.HandOverAsync(clusterFolder, "postgres", ct);
        File.SetUnixFileMode(clusterFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // initdb reads the password from a file, not the command line where `ps` would show it.
        var passwordFile = Path.Combine(clusterFolder, "..", $".initdb-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, password, ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (LocalServer.IsRoot) await LocalServer.RunAsync("chown", ["postgres:postgres", passwordFile, folder], ct);
            var (command, prefix) = LocalServer.AsServerUser(Path.Combine(bin, "initdb"), "postgres", "postgresql");
            await LocalServer.RunAsync(command, [.. prefix, "-D", clusterFolder, "-U", LocalPostgresResource.UserName,
                $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"], ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task CreateDatabasesAsync(string admin, IEnumerable<LocalPostgresDatabaseResource> databases, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database.Name } },
            };
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                // Resource names are validated by Aspire (letters, digits, dashes); quoting keeps dashes legal.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
