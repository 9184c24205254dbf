using Npgsql;
using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Orchestration;

/// <summary>Runs the machine's PostgreSQL on a free port with its data in the run's data folder.</summary>
internal sealed class PostgresRunner(PostgresServerResource server, RunContext context) : IResourceRunner
{
    private SupervisedProcess? _process;

    public IResource Resource => server;
    public string Endpoint => $"tcp://127.0.0.1:{server.Port}";

    public async Task StartAsync(CancellationToken ct)
    {
        var bin = ServerInstall.PostgresBinDirectory();
        var user = ServerInstall.RunAsUser("postgres", "postgresql");
        var dataDir = context.DataDirectoryFor(server);
        var log = context.LogFileFor(server);
        var password = context.Secrets.ValueOf(server.Password);

        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            await InitialiseAsync(bin, user, dataDir, password, log, ct);
        }

        List<string> args = ["-D", dataDir, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=400"];
        if (context.Options.Ephemeral)
        {
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        _process = context.Supervisor.Start(new ProcessSpec(server.Name, Path.Combine(bin, "postgres"), args)
        {
            RunAsUser = user,
            StopSignal = Native.SIGINT, // "fast" shutdown: roll back open transactions, then stop cleanly
            LogFile = log,
        });

        var adminConnection = context.ConnectionStringOf(server) + ";Database=postgres;Pooling=false;Timeout=3";
        await Readiness.WaitAsync(server.Name, _process, async token =>
        {
            await using var connection = new NpgsqlConnection(adminConnection);
            await connection.OpenAsync(token);
            return true;
        }, TimeSpan.FromSeconds(60), ct);

        await CreateDatabasesAsync(adminConnection, ct);
    }

    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(15)) ?? Task.CompletedTask;

    private async Task InitialiseAsync(string bin, string? user, string dataDir, string password, string log, CancellationToken ct)
    {
        await ServerInstall.HandOverAsync(dataDir, user, log, ct);
        File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = Path.Combine(Path.GetDirectoryName(dataDir)!, $".{server.Name}.pw");
        await File.WriteAllTextAsync(passwordFile, password, ct);
        try
        {
            await ServerInstall.HandOverAsync(passwordFile, user, log, ct);
            await ProcessSupervisor.RunToCompletionAsync(new ProcessSpec("initdb", Path.Combine(bin, "initdb"),
                ["-D", dataDir, "-U", PostgresServerResource.UserName, $"--pwfile={passwordFile}",
                 "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"])
            {
                RunAsUser = user,
                LogFile = log,
            }, ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task CreateDatabasesAsync(string adminConnection, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync(ct);
        foreach (var database in server.Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database.Name } },
            };
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                // Names come from the model and are checked kebab-case/alphanumeric; quoting keeps dashes legal.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
