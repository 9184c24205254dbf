using System.Net.Sockets;
using System.Text;
using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Orchestration;

/// <summary>Runs the machine's Redis on a free port, append-only file in the data folder.</summary>
internal sealed class RedisRunner(RedisResource redis, RunContext context) : IResourceRunner
{
    private SupervisedProcess? _process;

    public IResource Resource => redis;
    public string Endpoint => $"tcp://127.0.0.1:{redis.Port}";

    public async Task StartAsync(CancellationToken ct)
    {
        var binary = ServerInstall.RedisServer();
        var user = ServerInstall.RunAsUser("redis", "redis-server");
        var dataDir = context.DataDirectoryFor(redis);
        var log = context.LogFileFor(redis);
        var password = context.Secrets.ValueOf(redis.Password);
        await ServerInstall.HandOverAsync(dataDir, user, log, ct);

        // The password goes in a config file, not on the command line where `ps` would show it.
        var config = Path.Combine(dataDir, "redis.conf");
        await File.WriteAllTextAsync(config, $"""
            bind 127.0.0.1
            port {redis.Port}
            requirepass {password}
            dir {dataDir}
            appendonly {(context.Options.Ephemeral ? "no" : "yes")}
            save ""
            daemonize no
            protected-mode yes
            """, ct);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await ServerInstall.HandOverAsync(config, user, log, ct);

        _process = context.Supervisor.Start(new ProcessSpec(redis.Name, binary, [config]) { RunAsUser = user, LogFile = log });
        await Readiness.WaitAsync(redis.Name, _process, token => PingAsync(password, token), TimeSpan.FromSeconds(30), ct);
    }

    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(10)) ?? Task.CompletedTask;

    private async Task<bool> PingAsync(string password, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", redis.Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\nPING\r\n"), ct);
        var buffer = new byte[64];
        var text = "";
        while (!text.Contains("+PONG", StringComparison.Ordinal) && !text.Contains("-ERR", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0) break;
            text += Encoding.ASCII.GetString(buffer, 0, read);
        }
        return text.Contains("+PONG", StringComparison.Ordinal);
    }
}
