using System.Net.Sockets;
using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Orchestration;

/// <summary>
/// Runs the machine's RabbitMQ, with its own Erlang port mapper (epmd) on a free port, so that nothing outlives the
/// run (a broker left to start epmd itself daemonises it) and several runs can share one machine.
/// </summary>
internal sealed class RabbitMqRunner(RabbitMQServerResource broker, RunContext context) : IResourceRunner
{
    private SupervisedProcess? _epmd;
    private SupervisedProcess? _broker;

    public IResource Resource => broker;
    public string Endpoint => $"amqp://127.0.0.1:{broker.Port}";

    public async Task StartAsync(CancellationToken ct)
    {
        var server = ServerInstall.RabbitMqServer();
        var epmd = ServerInstall.Epmd();
        var user = ServerInstall.RunAsUser("rabbitmq", "rabbitmq-server");
        var dataDir = context.DataDirectoryFor(broker);
        var log = context.LogFileFor(broker);
        var password = context.Secrets.ValueOf(broker.Password);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        Directory.CreateDirectory(Path.Combine(dataDir, "mnesia"));
        Directory.CreateDirectory(Path.Combine(dataDir, "log"));
        var config = Path.Combine(dataDir, "rabbitmq.conf");
        await File.WriteAllTextAsync(config, $"""
            listeners.tcp.default = 127.0.0.1:{broker.Port}
            default_user = {RabbitMQServerResource.UserName}
            default_pass = {password}
            loopback_users = none
            disk_free_limit.absolute = 50MB
            """, ct);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(Path.Combine(dataDir, "enabled_plugins"), "[].", ct);
        await ServerInstall.HandOverAsync(dataDir, user, log, ct);

        var environment = new Dictionary<string, string>
        {
            // HOME holds the Erlang cookie: keeping it in the data folder makes the run self-contained.
            ["HOME"] = dataDir,
            ["ERL_EPMD_PORT"] = broker.EpmdPort.ToString(invariant),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dataDir, "log"),
            ["RABBITMQ_NODENAME"] = "xinyu@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = broker.Port.ToString(invariant),
            ["RABBITMQ_DIST_PORT"] = broker.DistributionPort.ToString(invariant),
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dataDir, "enabled_plugins"),
        };

        _epmd = context.Supervisor.Start(new ProcessSpec($"{broker.Name}-epmd", epmd,
            ["-address", "127.0.0.1", "-port", broker.EpmdPort.ToString(invariant)])
        {
            RunAsUser = user, LogFile = log, Environment = environment,
        });
        _broker = context.Supervisor.Start(new ProcessSpec(broker.Name, server, [])
        {
            RunAsUser = user, LogFile = log, Environment = environment, SignalGroup = true,
        });
        await Readiness.WaitAsync(broker.Name, _broker, AmqpAnswersAsync, TimeSpan.FromSeconds(90), ct);
    }

    public async Task StopAsync()
    {
        if (_broker is not null) await _broker.StopAsync(TimeSpan.FromSeconds(20));
        if (_epmd is not null) await _epmd.StopAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>The broker opens its AMQP listener last in its boot; a Connection.Start frame means it is ready.</summary>
    private async Task<bool> AmqpAnswersAsync(CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", broker.Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), ct);
        var frame = new byte[1];
        return await stream.ReadAsync(frame, ct) == 1 && frame[0] == 1;
    }
}
