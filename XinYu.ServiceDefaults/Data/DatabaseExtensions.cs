using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using XinYu.ServiceDefaults.Health;

namespace XinYu.ServiceDefaults.Data;

/// <summary>A service's own PostgreSQL database: EF Core context, health check, migrations at start.</summary>
public static class DatabaseExtensions
{
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set (the AppHost or the deployment provides it).");
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        builder.Services.AddSingleton(dataSource);
        // Interceptors other building blocks register (the outbox's wake-up signal) join every context.
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(dataSource)
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddHealthChecks().AddCheck<NpgsqlHealthCheck>(connectionName, tags: ["ready"]);
        // Registered before anything else that touches the tables (the outbox relay), so it runs first.
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }
}

/// <summary>
/// Applies EF Core migrations before the service takes traffic. Safe with several replicas starting at once:
/// EF Core takes a database lock around migrations, and a replica that loses a race to create the database retries.
/// Waits for the database rather than crashing when it is not up yet.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database for {Context} is at the latest migration", typeof(TContext).Name);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Database for {Context} not ready (attempt {Attempt}): {Reason}", typeof(TContext).Name, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
