using Microsoft.Extensions.DependencyInjection;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace XinYu.AppHost.Servers;

/// <summary>The machine's RabbitMQ (Debian's package), run by DCP as an executable. Aspire's own is a container.</summary>
public sealed class LocalRabbitMQResource(string name, string command, string dataFolder, ParameterResource password)
    : ExecutableResource(name, command, dataFolder), IResourceWithConnectionString
{
    public const string UserName = "guest";
    public ParameterResource Password { get; } = password;
    public EndpointReference Endpoint => new(this, "tcp");

    /// <summary>The format of Aspire's own RabbitMQ resource.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password}@{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

/// <summary>Erlang's port mapper for the local broker, in the foreground as its own resource.</summary>
public sealed class LocalEpmdResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);

internal static class LocalRabbitMQ
{
    /// <summary>
    /// The broker and its own epmd. Erlang cannot reach epmd through DCP's proxy, and a broker left to start epmd
    /// itself daemonises it, which would outlive the AppHost: so epmd runs in the foreground as a resource of its own,
    /// on a port of its own (several runs can share a machine).
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQResource> Add(IDistributedApplicationBuilder builder, string name, LocalRunOptions options)
    {
        var server = LocalServer.FindBinary("RabbitMQ", "rabbitmq-server", "/usr/lib/rabbitmq/bin/rabbitmq-server");
        var epmdBinary = LocalServer.FindBinary("Erlang's epmd (RabbitMQ)", "rabbitmq-server", "/usr/bin/epmd", "/usr/lib/erlang/bin/epmd");
        var folder = options.DataFolderOf(name);
        var passwordValue = LocalServer.PasswordFor(folder);
        var password = builder.AddParameter($"{name}-password", passwordValue, secret: true);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var (port, distributionPort, epmdPort) = (LocalServer.FreePort(), LocalServer.FreePort(), LocalServer.FreePort());
        var config = Path.Combine(folder, "rabbitmq.conf");
        var environment = new Dictionary<string, string>
        {
            // HOME holds the Erlang cookie: keeping it in the data folder makes the run self-contained.
            ["HOME"] = folder,
            ["ERL_EPMD_PORT"] = epmdPort.ToString(invariant),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_NODENAME"] = "xinyu@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(invariant),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(invariant),
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
        };

        var (epmdCommand, epmdPrefix) = LocalServer.AsServerUser(epmdBinary, "rabbitmq", "rabbitmq-server");
        var epmd = builder.AddResource(new LocalEpmdResource($"{name}-epmd", epmdCommand, folder))
            .WithArgs([.. epmdPrefix, "-address", "127.0.0.1", "-port", epmdPort.ToString(invariant)])
            .WithEnvironment(context => Copy(environment, context))
            .WithIconName("PlugConnected");

        var healthKey = $"{name}-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new AmqpHandshakeCheck(port), null, null));

        var (command, prefix) = LocalServer.AsServerUser(server, "rabbitmq", "rabbitmq-server");
        var broker = builder.AddResource(new LocalRabbitMQResource(name, command, folder, password.Resource))
            .WithLocalTcpEndpoint(port)
            .WithArgs([.. prefix])
            .WithEnvironment(context => Copy(environment, context))
            .WithHealthCheck(healthKey)
            .WaitFor(epmd)
            .WithIconName("Mail");

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(epmd.Resource, async (_, ct) =>
        {
            Directory.CreateDirectory(Path.Combine(folder, "mnesia"));
            Directory.CreateDirectory(Path.Combine(folder, "log"));
            await File.WriteAllTextAsync(config, $"""
                listeners.tcp.default = 127.0.0.1:{port}
                default_user = {LocalRabbitMQResource.UserName}
                default_pass = {passwordValue}
                loopback_users = none
                disk_free_limit.absolute = 50MB
                """, ct);
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].", ct);
            await LocalServer.HandOverAsync(folder, "rabbitmq", ct);
        });
        return broker;
    }

    private static void Copy(Dictionary<string, string> environment, EnvironmentCallbackContext context)
    {
        foreach (var (key, value) in environment) context.EnvironmentVariables[key] = value;
    }

    /// <summary>The broker opens its AMQP listener last in its boot; a Connection.Start frame means it is ready.</summary>
    private sealed class AmqpHandshakeCheck(int port) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                var stream = client.GetStream();
                await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), ct);
                var frame = new byte[1];
                // A listener can accept the connection before the broker reads from it: never wait for ever.
                using var answer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                answer.CancelAfter(TimeSpan.FromSeconds(2));
                return await stream.ReadAsync(frame, answer.Token) == 1 && frame[0] == 1
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("RabbitMQ did not answer the AMQP handshake.");
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy($"RabbitMQ is not listening: {e.SocketErrorCode}.");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ accepted the connection but has not answered yet.");
            }
        }
    }
}
