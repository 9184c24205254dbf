namespace XinYu.AppHost.Hosting;

/// <summary>Fluent handle on a resource, shaped like Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
public sealed class ResourceBuilder<T>(DistributedApplicationBuilder application, T resource) where T : IResource
{
    public DistributedApplicationBuilder ApplicationBuilder { get; } = application;
    public T Resource { get; } = resource;
}

/// <summary>The Aspire-shaped methods the AppHost's Program reads like.</summary>
public static class ResourceBuilderExtensions
{
    public static ResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name, builder.AddParameter($"{name}-password")));

    public static ResourceBuilder<PostgresDatabaseResource> AddDatabase(this ResourceBuilder<PostgresServerResource> server, string name)
    {
        var database = new PostgresDatabaseResource(name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    public static ResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name, builder.AddParameter($"{name}-password")));

    public static ResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RabbitMQServerResource(name, builder.AddParameter($"{name}-password")));

    /// <summary>Adds a project by its path relative to the repository root.</summary>
    public static ResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddResource(new ProjectResource(name, projectPath));

    /// <summary>Gives the project the resource's connection string, or a project's service-discovery URL.</summary>
    public static ResourceBuilder<ProjectResource> WithReference<T>(this ResourceBuilder<ProjectResource> project, ResourceBuilder<T> target)
        where T : IResource
    {
        if (target.Resource is not (IResourceWithConnectionString or ProjectResource))
        {
            throw new InvalidOperationException($"'{target.Resource.Name}' cannot be referenced: it has no connection string or endpoint.");
        }
        project.Resource.References.Add(target.Resource);
        return project;
    }

    /// <summary>Starts the project only once the target is healthy.</summary>
    public static ResourceBuilder<ProjectResource> WaitFor<T>(this ResourceBuilder<ProjectResource> project, ResourceBuilder<T> target)
        where T : IResource
    {
        project.Resource.WaitsFor.Add(target.Resource);
        return project;
    }

    /// <summary>References the target and waits for it: what nearly every dependency wants.</summary>
    public static ResourceBuilder<ProjectResource> DependsOn<T>(this ResourceBuilder<ProjectResource> project, ResourceBuilder<T> target)
        where T : IResource => project.WithReference(target).WaitFor(target);

    public static ResourceBuilder<ProjectResource> WithEnvironment(this ResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.Environment[name] = value;
        return project;
    }

    /// <summary>Marks the project as the suite's public entry, on a fixed local port (0: a free one).</summary>
    public static ResourceBuilder<ProjectResource> WithExternalHttpEndpoint(this ResourceBuilder<ProjectResource> project, int port)
    {
        project.Resource.IsExternal = true;
        project.Resource.FixedPort = port;
        return project;
    }

    public static ResourceBuilder<ProjectResource> WithReplicas(this ResourceBuilder<ProjectResource> project, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        project.Resource.Replicas = replicas;
        return project;
    }

    /// <summary>Lets a city deployment add replicas under load, up to <paramref name="maxReplicas"/>.</summary>
    public static ResourceBuilder<ProjectResource> WithAutoscaling(this ResourceBuilder<ProjectResource> project, int maxReplicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplicas, project.Resource.Replicas);
        project.Resource.MaxReplicas = maxReplicas;
        return project;
    }
}
