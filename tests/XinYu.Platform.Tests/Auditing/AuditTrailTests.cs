using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Data;
using XinYu.Testing;

namespace XinYu.Platform.Tests.Auditing;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddAuditTrail();
}

/// <summary>A trail as a service has it: created by the owner role, written and sealed by the service's own role.</summary>
public sealed record AuditTestTrail(string Owner, string App)
{
    public static readonly AuditChainOptions Options = new() { ChainKey = "a-test-chain-key-of-at-least-32-characters" };

    public static async Task<AuditTestTrail> CreateAsync()
    {
        var owner = await TestServers.CreateDatabaseAsync("audit");
        await using (var db = Context(owner))
        {
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync(AuditTrailModel.SealedChainSql);
        }
        var app = TestServers.AppRoleConnectionString(owner);
        await DatabaseRoles.GrantAppRoleAsync(owner, app, CancellationToken.None);
        return new AuditTestTrail(owner, app);
    }

    public static AuditDbContext Context(string connection) =>
        new(new DbContextOptionsBuilder<AuditDbContext>().UseNpgsql(connection).Options);

    public async Task<int> SealAsync()
    {
        await using var db = Context(App);
        return await AuditSeal.SealAsync(db, Options.KeyBytes, Options.SealBatchSize, CancellationToken.None);
    }

    public async Task<AuditVerification> VerifyAsync(TimeProvider? time = null)
    {
        await using var db = Context(App);
        return await AuditApi.VerifyAsync(db, Options, time ?? TimeProvider.System, CancellationToken.None);
    }
}

public sealed class AuditTrailTests
{
    private static readonly Guid Student = Guid.NewGuid();
    private static readonly Guid School = Guid.NewGuid();
    private static readonly Guid Bureau = Guid.NewGuid();

    private static AuditTrail TrailFor(string subject, params string[] roles)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new("sub", subject), new("bureau", Bureau.ToString()), .. roles.Select(r => new Claim("role", r))], "test")),
        };
        return new AuditTrail(new HttpContextAccessor { HttpContext = http }, TimeProvider.System);
    }

    private static async Task WriteAsync(AuditTestTrail trail, int count)
    {
        // Written from many units of work at once, as concurrent requests would, with the service's own role.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), async (i, ct) =>
        {
            await using var db = AuditTestTrail.Context(trail.App);
            TrailFor($"counsellor-{i}", "counsellor").Record(db, new AuditRecord(AuditTrail.Actions.Read, "student-file",
                Student.ToString(), Student, School, Purpose: $"follow-up {i}"));
            await db.SaveChangesAsync(ct);
        });
        await trail.SealAsync();
    }

    /// <summary>Someone with the owner role (or a superuser) who switches the guard off first.</summary>
    private static async Task AsOwnerAsync(AuditTestTrail trail, string sql)
    {
        await using var raw = new NpgsqlConnection(trail.Owner);
        await raw.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER TABLE audit_entries DISABLE TRIGGER USER; {sql}; ALTER TABLE audit_entries ENABLE TRIGGER USER;", raw);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresException> RefusedToAppAsync(AuditTestTrail trail, string sql)
    {
        await using var raw = new NpgsqlConnection(trail.App);
        await raw.OpenAsync();
        await using var command = new NpgsqlCommand(sql, raw);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Concurrent_entries_form_one_intact_chain_with_who_what_why_and_the_bureau()
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 30);

        var verification = await trail.VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(30, verification.EntriesChecked);
        Assert.Equal(0, verification.Unsealed);
        await using var db = AuditTestTrail.Context(trail.App);
        var entry = await db.Set<AuditEntry>().SingleAsync(e => e.Purpose == "follow-up 7");
        Assert.Equal("counsellor-7", entry.ActorId);
        Assert.Equal("counsellor", entry.ActorRoles);
        Assert.Equal(Student, entry.StudentId);
        Assert.Equal(Bureau, entry.BureauId);
        Assert.Equal(64, entry.Hash!.Length);
    }

    [Fact]
    public async Task The_trail_refuses_updates_and_deletes_even_to_its_owner()
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 3);
        await using var db = AuditTestTrail.Context(trail.Owner);
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET purpose = 'nothing to see' WHERE sequence = 2"));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries"));
        // A sealed row is never sealed again.
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET hash = repeat('0', 64) WHERE sequence = 1"));
        Assert.True((await trail.VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET purpose = 'nothing to see' WHERE sequence = 2")]
    [InlineData("UPDATE audit_entries SET hash = repeat('0', 64) WHERE sequence = 2")]
    [InlineData("DELETE FROM audit_entries WHERE sequence = 2")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER USER")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER audit_seal_once")]
    [InlineData("DROP TRIGGER audit_seal_once ON audit_entries")]
    [InlineData("CREATE OR REPLACE FUNCTION xinyu_audit_seal_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")]
    [InlineData("DELETE FROM audit_head")]
    public async Task The_services_own_role_can_neither_change_nor_unguard_the_trail(string attempt)
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 3);

        var refused = await RefusedToAppAsync(trail, attempt);
        Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.RaiseException,
            $"{refused.SqlState}: {refused.MessageText}");
        Assert.True((await trail.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_row_inserted_with_a_seal_of_its_own_is_sealed_by_the_sealer_all_the_same()
    {
        var trail = await AuditTestTrail.CreateAsync();
        await using (var raw = new NpgsqlConnection(trail.App))
        {
            await raw.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO audit_entries (sequence, chain_position, occurred_at, actor_id, actor_roles, action, resource_type, previous_hash, hash)
                VALUES (1, 1, now(), 'forger', '', 'read', 'student-file', 'genesis', repeat('f', 64))
                """, raw);
            await insert.ExecuteNonQueryAsync();
        }
        await using (var db = AuditTestTrail.Context(trail.App))
        {
            var row = await db.Set<AuditEntry>().SingleAsync();
            Assert.Null(row.Hash);
            Assert.Null(row.ChainPosition);
        }
        Assert.Equal(1, (await trail.VerifyAsync()).Unsealed);
        Assert.Equal(1, await trail.SealAsync());
        var verification = await trail.VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal((1, 0), (verification.EntriesChecked, verification.Unsealed));
    }

    [Fact]
    public async Task An_edited_row_is_detected_even_by_someone_who_bypasses_the_guard()
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 10);
        await AsOwnerAsync(trail, "UPDATE audit_entries SET actor_id = 'someone-else' WHERE chain_position = 7");

        var verification = await trail.VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(7, verification.BrokenAt);
        Assert.Contains("changed", verification.Problem);
    }

    [Theory]
    [InlineData("DELETE FROM audit_entries WHERE chain_position = 4", 4)]
    [InlineData("DELETE FROM audit_entries WHERE chain_position = 10", 10)]
    public async Task A_removed_row_is_detected(string removal, long brokenAt)
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 10);
        await AsOwnerAsync(trail, removal);

        var verification = await trail.VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(brokenAt, verification.BrokenAt);
        Assert.Contains("missing", verification.Problem);
    }

    [Fact]
    public async Task Re_ordered_rows_are_detected()
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 10);
        await AsOwnerAsync(trail, """
            UPDATE audit_entries SET chain_position = -3 WHERE chain_position = 3;
            UPDATE audit_entries SET chain_position = 3 WHERE chain_position = 5;
            UPDATE audit_entries SET chain_position = 5 WHERE chain_position = -3
            """);

        var verification = await trail.VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenAt);
    }

    public static TheoryData<string> Recomputations => ["sha-256", "hmac with another key"];

    /// <summary>
    /// The attack the unkeyed chain could not catch: whoever can write the tables edits a row, then recomputes every
    /// hash after it and the head, so every link holds. Without the key the recomputed hashes are not the chain's.
    /// </summary>
    [Theory]
    [MemberData(nameof(Recomputations))]
    public async Task A_chain_recomputed_without_the_key_is_detected(string recomputation)
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 5);
        var otherKey = Encoding.UTF8.GetBytes("someone-elses-key-of-at-least-32-characters");
        string Recompute(AuditEntry e) => recomputation == "sha-256"
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditChain.Canonical(e))))
            : AuditChain.HashOf(e, otherKey);

        await using (var owner = AuditTestTrail.Context(trail.Owner))
        {
            var rows = await owner.Set<AuditEntry>().OrderBy(e => e.ChainPosition).ToListAsync();
            var sql = new StringBuilder();
            var previous = AuditChain.Genesis;
            foreach (var row in rows)
            {
                if (row.ChainPosition == 3) row.ActorId = "someone-else";
                row.PreviousHash = previous;
                row.Hash = previous = Recompute(row);
                sql.Append($"UPDATE audit_entries SET actor_id = '{row.ActorId}', previous_hash = '{row.PreviousHash}', hash = '{row.Hash}' WHERE sequence = {row.Sequence};");
            }
            sql.Append($"UPDATE audit_head SET last_hash = '{previous}'");
            await AsOwnerAsync(trail, sql.ToString());
        }

        var verification = await trail.VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(1, verification.BrokenAt);
        Assert.Contains("changed", verification.Problem);
    }

    [Fact]
    public async Task Inserts_wait_for_no_lock_and_an_unsealed_tail_past_its_bound_fails_verify()
    {
        var trail = await AuditTestTrail.CreateAsync();
        await WriteAsync(trail, 2);
        await using (var db = AuditTestTrail.Context(trail.App))
        {
            // An open transaction holding an audit row does not stop another from inserting and committing.
            await using var holding = await db.Database.BeginTransactionAsync();
            TrailFor("slow").Record(db, new AuditRecord(AuditTrail.Actions.Read, "student-file"));
            await db.SaveChangesAsync();
            await using (var other = AuditTestTrail.Context(trail.App))
            {
                TrailFor("quick").Record(other, new AuditRecord(AuditTrail.Actions.Read, "student-file"));
                await other.SaveChangesAsync();
            }
            Assert.Equal(1, await trail.SealAsync()); // the committed one; the held one is not visible yet
            await holding.CommitAsync();
        }
        var late = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow + AuditTestTrail.Options.MaxUnsealedAge + TimeSpan.FromMinutes(1));
        var stale = await trail.VerifyAsync(late);
        Assert.False(stale.Intact);
        Assert.Equal(1, stale.Unsealed);
        Assert.Contains("not sealed", stale.Problem);
        Assert.True((await trail.VerifyAsync()).Intact); // within the bound it is only reported

        Assert.Equal(1, await trail.SealAsync()); // the late committer gets the next position
        var verification = await trail.VerifyAsync(late);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal((4, 0), (verification.EntriesChecked, verification.Unsealed));
    }
}
