using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using XinYu.ServiceDefaults.Secrets;

namespace XinYu.ServiceDefaults.Data;

/// <summary>A service's own PostgreSQL database: EF Core context, health check, telemetry, migrations at start.</summary>
public static class DatabaseExtensions
{
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set (the AppHost or the deployment provides it).");
        builder.Services.RequireSecret($"ConnectionStrings:{connectionName}"); // it carries the login's password
        // Pooled contexts: building a context's scoped EF Core services per request was 14 % of a submission's time
        // in Screening's profile, and most of its garbage (docs/benchmarks.md). Our own AddDbContextPool, then
        // Aspire's Enrich, rather than Aspire's AddNpgsqlDbContext, for the interceptors from DI (the outbox's wake-up
        // signal, which other building blocks register and which joins every context here). The options are built
        // once, from the root services: interceptors must be singletons, and a context takes no constructor services
        // (encrypted columns take the Data Protection provider from the application's services: DataProtection()).
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(connectionString)
            .AddInterceptors(services.GetServices<IInterceptor>()));
        // Aspire's PostgreSQL integration: the health check (named after the context, untagged, so it counts for
        // readiness and not liveness), Npgsql's tracing and metrics.
        builder.EnrichNpgsqlDbContext<TContext>(settings =>
        {
            // No retrying execution strategy, whatever configuration says. Aspire's default (EnableRetryOnFailure)
            // refuses user-initiated transactions (BeginTransactionAsync outside CreateExecutionStrategy), and the
            // outbox relay, the inbox consumers, the roster import and several endpoints open one: a change, its audit
            // entry and its outbox row commit together. Replaying whole transactions through the strategy instead would
            // re-run work that is not safe to repeat in one context (tracked changes, COPY, broker publishes). A unit
            // of work is retried where it starts: a request answers 503 with Retry-After (ProblemDetailsSetup), a
            // consumer is retried by MassTransit, the relay retries its rows with backoff, the migrator waits.
            settings.DisableRetry = true;
        });
        // Registered before anything else that touches the tables (the outbox relay), so it runs first.
        var migration = builder.Configuration.GetSection(DatabaseMigrationSettings.Section).Get<DatabaseMigrationSettings>() ?? new();
        migration.ConnectionString = connectionString;
        migration.OwnerConnectionString = builder.Configuration.GetConnectionString(connectionName + DatabaseMigrationSettings.OwnerSuffix);
        builder.Services.AddKeyedSingleton<DatabaseMigrationSettings>(typeof(TContext), migration);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }
}

/// <summary>
/// Where and whether a service migrates its database (section <c>Database</c>; docs/operations.md). The service serves
/// with <c>ConnectionStrings:&lt;db&gt;</c>; when <c>ConnectionStrings:&lt;db&gt;-owner</c> is set, migrations run with
/// that owner role instead, which then creates the service's role and grants it no more than it needs
/// (<see cref="DatabaseRoles"/>). Without an owner connection the service migrates with its own role (and owns its
/// tables): a developer's database outside the AppHost only.
/// </summary>
public sealed class DatabaseMigrationSettings
{
    public const string Section = "Database";
    public const string OwnerSuffix = "-owner";

    /// <summary>Migrate at start (the default). Off in a Kubernetes main container: its init container migrated.</summary>
    public bool Migrate { get; set; } = true;

    /// <summary>Migrate, then stop: the Kubernetes init container, which alone holds the owner secret.</summary>
    public bool MigrateOnly { get; set; }

    /// <summary>Set by AddServiceDatabase from <c>ConnectionStrings:&lt;db&gt;</c>.</summary>
    public string ConnectionString { get; set; } = "";
    /// <summary>Set by AddServiceDatabase from <c>ConnectionStrings:&lt;db&gt;-owner</c>.</summary>
    public string? OwnerConnectionString { get; set; }
}

/// <summary>
/// Applies EF Core migrations before the service takes traffic. Safe with several replicas starting at once:
/// EF Core takes a database lock around migrations, and a replica that loses a race to create the database retries.
/// Waits for the database rather than crashing when it is not up yet.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceProvider services, IHostApplicationLifetime lifetime,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredKeyedService<DatabaseMigrationSettings>(typeof(TContext));
        if (!settings.Migrate && !settings.MigrateOnly) return;
        var owner = settings.OwnerConnectionString;
        var separateOwner = owner is not null
            && new NpgsqlConnectionStringBuilder(owner).Username != new NpgsqlConnectionStringBuilder(settings.ConnectionString).Username;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A context of its own, outside the pool: one taken from the pool and switched to the owner's
                // connection would go back to the pool, and serve requests as the owner.
                await using var db = CreateContext(separateOwner ? owner! : settings.ConnectionString);
                // Nothing to apply is the usual start, and asking reads only the history table. MigrateAsync would
                // first rebuild the last migration's model and diff it with the context's (EF Core's pending-model-
                // changes check): most of a CPU second per service, seven at once on a developer's two cores. That the
                // models match their migrations is checked once, by a test per service (ModelMatchesMigrationsTests).
                // (A new database has no history table: asking it would log a failed query, so that is asked first.)
                if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
                    || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }
                if (separateOwner) await DatabaseRoles.GrantAppRoleAsync(owner!, settings.ConnectionString, cancellationToken);
                logger.LogInformation("Database for {Context} is at the latest migration", typeof(TContext).Name);
                if (settings.MigrateOnly) lifetime.StopApplication();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Database for {Context} not ready (attempt {Attempt}): {Reason}", typeof(TContext).Name, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    private TContext CreateContext(string connectionString)
    {
        var pooled = services.GetRequiredService<DbContextOptions<TContext>>();
        var options = new DbContextOptionsBuilder<TContext>(pooled).UseNpgsql(connectionString).Options;
        return ActivatorUtilities.CreateInstance<TContext>(services, options);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
