using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;

namespace XinYu.AppHost.Servers;

/// <summary>The machine's Redis (Debian's package), run by DCP as an executable. Aspire's own is a container.</summary>
public sealed class LocalRedisResource(string name, string command, string dataFolder, ParameterResource password)
    : ExecutableResource(name, command, dataFolder), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;
    public EndpointReference Endpoint => new(this, "tcp");

    /// <summary>The format of Aspire's own Redis resource.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)},password={Password}");
}

internal static class LocalRedis
{
    public static IResourceBuilder<LocalRedisResource> Add(IDistributedApplicationBuilder builder, string name, LocalRunOptions options)
    {
        var binary = LocalServer.FindBinary("Redis", "redis-server", "/usr/bin/redis-server");
        var folder = options.DataFolderOf(name);
        var passwordValue = LocalServer.PasswordFor(folder);
        var password = builder.AddParameter($"{name}-password", passwordValue, secret: true);
        var port = LocalServer.FreePort();
        var config = Path.Combine(folder, "redis.conf");
        var (command, prefix) = LocalServer.AsServerUser(binary, "redis", "redis-server");

        var healthKey = $"{name}-ready";
        builder.Services.AddHealthChecks().AddRedis($"127.0.0.1:{port},password={passwordValue},abortConnect=false,connectTimeout=2000", name: healthKey);

        var redis = builder.AddResource(new LocalRedisResource(name, command, folder, password.Resource))
            .WithLocalTcpEndpoint(port)
            .WithArgs([.. prefix, config])
            .WithHealthCheck(healthKey)
            .WithIconName("Memory");

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis.Resource, async (_, ct) =>
        {
            await LocalServer.HandOverAsync(Path.Combine(folder, "data"), "redis", ct);
            // The password goes in a config file (mode 600, the server's), not on the command line where `ps` shows it.
            await File.WriteAllTextAsync(config, $"""
                bind 127.0.0.1
                port {port}
                requirepass {passwordValue}
                dir {Path.Combine(folder, "data")}
                appendonly {(options.Ephemeral ? "no" : "yes")}
                save ""
                daemonize no
                protected-mode yes
                """, ct);
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (LocalServer.IsRoot) await LocalServer.RunAsync("chown", ["redis:redis", config], ct);
        });
        return redis;
    }
}
