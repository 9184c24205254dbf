using XinYu.AppHost.Hosting;

namespace XinYu.AppHost.Publishing;

/// <summary>How a backing server runs as a container: image, port, data folder, environment (as expressions).</summary>
/// <param name="Entrypoint">Replaces the image's entrypoint when set (Redis, to read its password from a variable).</param>
/// <param name="TlsPort">The port the same server is usually offered on with TLS, by a city's managed service.</param>
/// <param name="UserId">The image's own non-root user and group (999 in the official images), so a pod need not run as root.</param>
public sealed record ServerContainer(
    IResourceWithConnectionString Resource,
    string Image,
    int Port,
    string DataPath,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string? Entrypoint = null,
    IReadOnlyList<string>? Args = null,
    int UserId = 999,
    int? TlsPort = null)
{
    /// <summary>
    /// The ports a managed server of this kind answers on: the plain one and, where the protocol uses another, its TLS
    /// port (Redis 6380, AMQPS 5671; PostgreSQL negotiates TLS on 5432). A city's network policies open exactly these.
    /// </summary>
    public IReadOnlyList<int> ManagedPorts => TlsPort is int tls ? [Port, tls] : [Port];

    /// <summary>The named volume that keeps the data folder (Aspire's manifest names it; Kubernetes claims it).</summary>
    public string VolumeName => $"xinyu-{Resource.Name}-data";
}

/// <summary>
/// The one description of each backing server as a container. The Aspire manifest (<c>container.v0</c>) and the
/// Kubernetes dev overlay (a StatefulSet) are both written from it, so they run the same image the same way.
/// </summary>
public static class ServerContainers
{
    public static ServerContainer Of(IResourceWithConnectionString server) => server switch
    {
        PostgresServerResource pg => new(pg, pg.Image, 5432, "/var/lib/postgresql/data",
        [
            new("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256"),
            new("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256 --auth-local=scram-sha-256"),
            new("POSTGRES_USER", PostgresServerResource.UserName),
            new("POSTGRES_PASSWORD", $"{{{pg.Password.Name}.value}}"),
        ]),
        RedisResource redis => new(redis, redis.Image, 6379, "/data",
        [
            new("REDIS_PASSWORD", $"{{{redis.Password.Name}.value}}"),
        ], Entrypoint: "/bin/sh", Args: ["-c", "redis-server --requirepass $REDIS_PASSWORD --appendonly yes"], TlsPort: 6380),
        RabbitMQServerResource rabbit => new(rabbit, rabbit.Image, 5672, "/var/lib/rabbitmq",
        [
            new("RABBITMQ_DEFAULT_USER", RabbitMQServerResource.UserName),
            new("RABBITMQ_DEFAULT_PASS", $"{{{rabbit.Password.Name}.value}}"),
        ], TlsPort: 5671),
        _ => throw new NotSupportedException($"No container form for {server.GetType().Name}."),
    };

    /// <summary>The backing servers of the model, in model order.</summary>
    public static IEnumerable<ServerContainer> All(ResourceModel model) =>
        model.Servers.OfType<IResourceWithConnectionString>().Select(Of);

    /// <summary>The server a reference runs on: a database's server, or the server itself.</summary>
    public static IResource ServerOf(IResource resource) => resource is PostgresDatabaseResource db ? db.Server : resource;
}
