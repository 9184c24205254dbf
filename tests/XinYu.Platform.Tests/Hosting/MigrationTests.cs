using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using XinYu.ServiceDefaults.Data;
using XinYu.Staffing.Data;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Hosting;

public sealed class MigrationTests
{
    [Fact]
    public async Task Replicas_starting_together_migrate_one_database_safely_with_the_owner_and_grant_the_services_role()
    {
        var owner = await TestServers.CreateDatabaseAsync("migrate");
        var connection = TestServers.AppRoleConnectionString(owner);
        var services = new ServiceCollection()
            .AddDbContextPool<StaffingDbContext>(o => o.UseNpgsql(connection)) // pooled, as AddServiceDatabase registers it
            .AddKeyedSingleton<DatabaseMigrationSettings>(typeof(StaffingDbContext), new DatabaseMigrationSettings { ConnectionString = connection, OwnerConnectionString = owner })
            .BuildServiceProvider();
        var lifetime = new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance);

        var replicas = Enumerable.Range(0, 3)
            .Select(_ => new DatabaseMigrator<StaffingDbContext>(services, lifetime, NullLogger<DatabaseMigrator<StaffingDbContext>>.Instance))
            .Select(m => Task.Run(() => m.StartAsync(CancellationToken.None)));
        await Task.WhenAll(replicas);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StaffingDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        // The service's role reads the tables it did not create, and does not own them.
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user").SingleAsync());
        Assert.NotEqual(new Npgsql.NpgsqlConnectionStringBuilder(owner).Username, new Npgsql.NpgsqlConnectionStringBuilder(connection).Username);
        // The migrators' owner connection did not go back to the pool: the context a request gets is the service's role.
        Assert.Equal(new Npgsql.NpgsqlConnectionStringBuilder(connection).Username,
            await db.Database.SqlQuery<string>($"SELECT current_user::text AS \"Value\"").SingleAsync());
    }
}
