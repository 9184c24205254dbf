namespace XinYu.AppHost.Hosting;

/// <summary>A named thing the AppHost runs or publishes. The name is its service-discovery name everywhere.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource other resources reach through <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string as a manifest expression, e.g. <c>Host={postgres.bindings.tcp.host};...</c>.</summary>
    string ConnectionStringExpression { get; }
}

/// <summary>A resource that runs as a process and can be waited for.</summary>
public interface IResourceWithEndpoint : IResource
{
    /// <summary>The port it listens on in this run; assigned when the application starts.</summary>
    int Port { get; set; }
}

/// <summary>A secret value (password) generated once and kept in the data folder between runs.</summary>
public sealed record ParameterResource(string Name, int MinLength = 22) : IResource;

/// <summary>A PostgreSQL server (Aspire: <c>AddPostgres</c>).</summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : IResourceWithConnectionString, IResourceWithEndpoint
{
    public const string UserName = "postgres";
    public string Name { get; } = name;
    public ParameterResource Password { get; } = password;
    public List<PostgresDatabaseResource> Databases { get; } = [];
    public int Port { get; set; }
    public string Image { get; init; } = "docker.io/library/postgres:17.6";

    public string ConnectionStringExpression =>
        $"Host={{{Name}.bindings.tcp.host}};Port={{{Name}.bindings.tcp.port}};Username={UserName};Password={{{Password.Name}.value}}";
}

/// <summary>A database on a PostgreSQL server (Aspire: <c>AddDatabase</c>); created when the server starts.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server) : IResourceWithConnectionString
{
    public string Name { get; } = name;
    public PostgresServerResource Server { get; } = server;
    public string ConnectionStringExpression => $"{{{Server.Name}.connectionString}};Database={Name}";
}

/// <summary>A Redis server (Aspire: <c>AddRedis</c>).</summary>
public sealed class RedisResource(string name, ParameterResource password) : IResourceWithConnectionString, IResourceWithEndpoint
{
    public string Name { get; } = name;
    public ParameterResource Password { get; } = password;
    public int Port { get; set; }
    public string Image { get; init; } = "docker.io/library/redis:7.4";

    public string ConnectionStringExpression =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={{{Password.Name}.value}}";
}

/// <summary>A RabbitMQ broker (Aspire: <c>AddRabbitMQ</c>).</summary>
public sealed class RabbitMQServerResource(string name, ParameterResource password) : IResourceWithConnectionString, IResourceWithEndpoint
{
    public const string UserName = "guest";
    public string Name { get; } = name;
    public ParameterResource Password { get; } = password;
    public int Port { get; set; }
    /// <summary>Erlang's distribution and port-mapper ports; local runs only.</summary>
    public int DistributionPort { get; set; }
    public int EpmdPort { get; set; }
    public string Image { get; init; } = "docker.io/library/rabbitmq:3.13-management";

    public string ConnectionStringExpression =>
        $"amqp://{UserName}:{{{Password.Name}-uri-encoded.value}}@{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";
}

/// <summary>A .NET project of the suite (Aspire: <c>AddProject</c>).</summary>
public sealed class ProjectResource(string name, string projectPath) : IResourceWithEndpoint
{
    public string Name { get; } = name;
    /// <summary>The .csproj path, relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;
    public List<IResource> References { get; } = [];
    public List<IResource> WaitsFor { get; } = [];
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    /// <summary>Reachable from outside the cluster (the gateway only).</summary>
    public bool IsExternal { get; set; }
    /// <summary>A fixed port for local runs; 0 picks a free one.</summary>
    public int? FixedPort { get; set; }
    public int Port { get; set; }
    /// <summary>Replicas in a city deployment (the Kubernetes publisher reads it).</summary>
    public int Replicas { get; set; } = 1;
    /// <summary>
    /// When set, a city deployment scales the project between <see cref="Replicas"/> and this many replicas on CPU
    /// (a HorizontalPodAutoscaler); null keeps it at <see cref="Replicas"/>.
    /// </summary>
    public int? MaxReplicas { get; set; }
}
