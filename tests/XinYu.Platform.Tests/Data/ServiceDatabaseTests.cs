using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinYu.Platform.Tests.Messaging;
using XinYu.ServiceDefaults.Data;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Data;

public sealed class ServiceDatabaseTests
{
    [Fact]
    public async Task A_service_context_takes_explicit_transactions_even_where_configuration_asks_for_retries()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = await TestServers.CreateDatabaseAsync("transactions"),
            // Aspire's own setting: a retrying execution strategy would refuse the transaction below.
            ["Aspire:Npgsql:EntityFrameworkCore:PostgreSQL:DisableRetry"] = "false",
        });
        builder.AddServiceDatabase<TallyDbContext>("testdb");
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
        await db.Database.EnsureCreatedAsync();

        // The shape of the outbox relay, the inbox consumers and the roster import: one explicit transaction.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Tallies.Add(new Tally { Key = "in-a-transaction", Count = 1 });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(1, await db.Tallies.CountAsync());
    }
}
