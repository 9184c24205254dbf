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
    public async Task Replicas_starting_together_migrate_one_database_safely()
    {
        var connection = await TestServers.CreateDatabaseAsync("migrate");
        var services = new ServiceCollection()
            .AddDbContext<StaffingDbContext>(o => o.UseNpgsql(connection))
            .BuildServiceProvider();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();

        var replicas = Enumerable.Range(0, 3)
            .Select(_ => new DatabaseMigrator<StaffingDbContext>(scopes, NullLogger<DatabaseMigrator<StaffingDbContext>>.Instance))
            .Select(m => Task.Run(() => m.StartAsync(CancellationToken.None)));
        await Task.WhenAll(replicas);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StaffingDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }
}
