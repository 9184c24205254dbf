using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using XinYu.ServiceDefaults.Auditing;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Auditing;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddAuditTrail();
}

public sealed class AuditTrailTests
{
    private static readonly Guid Student = Guid.NewGuid();
    private static readonly Guid School = Guid.NewGuid();

    private static async Task<string> NewTrailAsync()
    {
        var connection = await TestServers.CreateDatabaseAsync("audit");
        await using var db = Context(connection);
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync(AuditTrailModel.TriggersSql);
        return connection;
    }

    private static AuditDbContext Context(string connection) =>
        new(new DbContextOptionsBuilder<AuditDbContext>().UseNpgsql(connection).Options);

    private static AuditTrail TrailFor(string subject, params string[] roles)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new("sub", subject), .. roles.Select(r => new Claim("role", r))], "test")),
        };
        return new AuditTrail(new HttpContextAccessor { HttpContext = http }, TimeProvider.System);
    }

    private static async Task WriteAsync(string connection, int count)
    {
        // Written from many units of work at once, as concurrent requests would.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), async (i, ct) =>
        {
            await using var db = Context(connection);
            TrailFor($"counsellor-{i}", "counsellor").Record(db, new AuditRecord(AuditTrail.Actions.Read, "student-file",
                Student.ToString(), Student, School, Purpose: $"follow-up {i}"));
            await db.SaveChangesAsync(ct);
        });
    }

    private static async Task<AuditVerification> VerifyAsync(string connection)
    {
        await using var db = Context(connection);
        return await AuditApi.VerifyAsync(db, CancellationToken.None);
    }

    private static async Task AsSuperuserAsync(string connection, string sql)
    {
        await using var raw = new NpgsqlConnection(connection);
        await raw.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER TABLE audit_entries DISABLE TRIGGER USER; {sql}; ALTER TABLE audit_entries ENABLE TRIGGER USER;", raw);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Concurrent_entries_form_one_intact_chain_with_who_what_and_why()
    {
        var connection = await NewTrailAsync();
        await WriteAsync(connection, 30);

        var verification = await VerifyAsync(connection);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(30, verification.EntriesChecked);
        await using var db = Context(connection);
        var entry = await db.Set<AuditEntry>().SingleAsync(e => e.Purpose == "follow-up 7");
        Assert.Equal("counsellor-7", entry.ActorId);
        Assert.Equal("counsellor", entry.ActorRoles);
        Assert.Equal(Student, entry.StudentId);
    }

    [Fact]
    public async Task The_trail_refuses_updates_and_deletes()
    {
        var connection = await NewTrailAsync();
        await WriteAsync(connection, 3);
        await using var db = Context(connection);
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET purpose = 'nothing to see' WHERE sequence = 2"));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
        Assert.True((await VerifyAsync(connection)).Intact);
    }

    [Fact]
    public async Task An_edited_row_is_detected_even_by_someone_who_bypasses_the_guard()
    {
        var connection = await NewTrailAsync();
        await WriteAsync(connection, 10);
        await AsSuperuserAsync(connection, "UPDATE audit_entries SET actor_id = 'someone-else' WHERE sequence = 7");

        var verification = await VerifyAsync(connection);
        Assert.False(verification.Intact);
        Assert.Equal(7, verification.BrokenAt);
        Assert.Contains("changed", verification.Problem);
    }

    [Theory]
    [InlineData("DELETE FROM audit_entries WHERE sequence = 4", 4)]
    [InlineData("DELETE FROM audit_entries WHERE sequence = 10", 10)]
    public async Task A_removed_row_is_detected(string removal, long brokenAt)
    {
        var connection = await NewTrailAsync();
        await WriteAsync(connection, 10);
        await AsSuperuserAsync(connection, removal);

        var verification = await VerifyAsync(connection);
        Assert.False(verification.Intact);
        Assert.Equal(brokenAt, verification.BrokenAt);
        Assert.Contains("missing", verification.Problem);
    }
}
