using Aspire.Hosting.ApplicationModel;

namespace XinYu.AppHost.Servers;

/// <summary>
/// The three servers, the same calls in both modes: when publishing, Aspire's stock container resources (so the
/// manifest is what Aspire itself writes); when running, the machine's own servers as executables (no container engine
/// is needed). Both give the services the same <c>ConnectionStrings__*</c> in the same format.
/// </summary>
public static class ServerExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(this IDistributedApplicationBuilder builder, string name) =>
        builder.ExecutionContext.IsPublishMode
            ? builder.AddPostgres(name).WithDataVolume($"xinyu-{name}-data")
            : LocalPostgres.Add(builder, name, LocalRunOptions.From(builder.Configuration));

    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(this IResourceBuilder<IResourceWithConnectionString> server, string name) =>
        server.Resource switch
        {
            PostgresServerResource stock => PostgresBuilderExtensions.AddDatabase(server.ApplicationBuilder.CreateResourceBuilder(stock), name),
            LocalPostgresResource local => LocalPostgres.AddDatabase(server.ApplicationBuilder.CreateResourceBuilder(local), name),
            _ => throw new ArgumentException($"'{server.Resource.Name}' is not a PostgreSQL server."),
        };

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name) =>
        builder.ExecutionContext.IsPublishMode
            ? builder.AddRedis(name).WithDataVolume($"xinyu-{name}-data")
            : LocalRedis.Add(builder, name, LocalRunOptions.From(builder.Configuration));

    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQServer(this IDistributedApplicationBuilder builder, string name) =>
        builder.ExecutionContext.IsPublishMode
            ? builder.AddRabbitMQ(name).WithDataVolume($"xinyu-{name}-data")
            : LocalRabbitMQ.Add(builder, name, LocalRunOptions.From(builder.Configuration));
}
