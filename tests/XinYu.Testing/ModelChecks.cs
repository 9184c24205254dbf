using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace XinYu.Testing;

/// <summary>
/// A service's EF Core model against its migrations, without a database. The services apply migrations at start only
/// when some are pending (DatabaseMigrator), so EF Core's own check of the model against the last migration does not
/// run there: a model change without its migration is caught here instead.
/// </summary>
public static class ModelChecks
{
    /// <summary>
    /// Options that name PostgreSQL but never connect: enough to build the model and compare it. The application's
    /// services hold a throw-away Data Protection provider, for the contexts with encrypted columns.
    /// </summary>
    public static DbContextOptions<TContext> Options<TContext>() where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=model-check.invalid;Database=model")
            .UseApplicationServiceProvider(new ServiceCollection()
                .AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>().BuildServiceProvider())
            .Options;

    public static void AssertMatchesMigrations(DbContext db)
    {
        using (db)
        {
            Assert.NotEmpty(db.Database.GetMigrations());
            Assert.False(db.Database.HasPendingModelChanges(),
                $"{db.GetType().Name}'s model has changes that no migration holds: add one (scripts/add-migration.sh).");
        }
    }
}
