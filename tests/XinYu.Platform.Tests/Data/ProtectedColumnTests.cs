using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using XinYu.ServiceDefaults.Data;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Data;

public sealed class Note
{
    public Guid Id { get; set; }
    public required string Text { get; set; }
}

public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Note>().Property(n => n.Text).IsProtected(this.DataProtection(), "XinYu.Tests.Notes");
}

public sealed class ProtectedColumnTests
{
    // Replicas of one service: the same ring (application name) and key-encryption key.
    private static readonly string Application = "XinYu.Tests.Notes" + Guid.NewGuid().ToString("N")[..8];
    private static readonly string Kek = KeyRingTests.NewKek();

    private static Task<IHost> ReplicaAsync(string database) =>
        KeyRingTests.ServiceAsync(Application, Kek, services => services.AddDbContext<NotesDbContext>(o => o.UseNpgsql(database)));

    [Fact]
    public async Task A_protected_column_is_ciphertext_in_the_database_and_readable_by_another_replica()
    {
        var database = await TestServers.CreateDatabaseAsync("protected");
        const string secret = "母亲长期住院，学生独自照顾弟弟";
        var id = Guid.NewGuid();

        using (var writer = await ReplicaAsync(database))
        {
            await using var scope = writer.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            await db.Database.EnsureCreatedAsync();
            db.Notes.Add(new Note { Id = id, Text = secret });
            await db.SaveChangesAsync();
        }

        await using (var raw = new NpgsqlConnection(database))
        {
            await raw.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT \"Text\" FROM \"Notes\"", raw);
            var stored = (string)(await command.ExecuteScalarAsync())!;
            Assert.DoesNotContain("母亲", stored);
            Assert.NotEqual(secret, stored);
        }

        // A second process (another replica) shares the service's key ring through Redis.
        using var reader = await ReplicaAsync(database);
        await using var readScope = reader.Services.CreateAsyncScope();
        var note = await readScope.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.SingleAsync(n => n.Id == id);
        Assert.Equal(secret, note.Text);
    }
}
