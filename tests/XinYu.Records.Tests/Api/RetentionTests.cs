using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.Records.Jobs;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Jobs;
using XinYu.Testing.Services;

namespace XinYu.Records.Tests.Api;

/// <summary>Retention: a file of a student who left is archived after N years and purged after M, each step audited.</summary>
public sealed class RetentionTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    private sealed class Options(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;
        public RetentionOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }

    private async Task<RetentionResult> SweepAsync(FakeTimeProvider clock)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sweep = new RetentionSweep(scope.ServiceProvider.GetRequiredService<RecordsDbContext>(),
            new Options(new RetentionOptions { ArchiveAfterYears = 3, PurgeAfterYears = 10 }), clock, new AuditTrail(new HttpContextAccessor(), clock));
        return await sweep.SweepAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_file_is_archived_after_the_archive_years_and_purged_after_the_purge_years_with_an_audit_entry_each()
    {
        var school = await app.SchoolAsync();
        var students = await app.EnrolAsync(school, "离校生", "在校生");
        var leaver = students[0].Id;
        var left = DateTimeOffset.UtcNow;
        await app.QueryAsync(db => db.Students.Where(s => s.Id == leaver)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StudentStatus.Left).SetProperty(s => s.LeftAt, left)));
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        await (await counsellor.PostJsonAsync($"/api/records/students/{leaver}/entries", new { section = "family-situation", text = "记录" }))
            .JsonAsync(System.Net.HttpStatusCode.Created);
        var clock = new FakeTimeProvider(left.AddYears(3).AddDays(-1));

        await SweepAsync(clock);
        Assert.Equal(StudentStatus.Left, await app.QueryAsync(db => db.Students.Where(s => s.Id == leaver).Select(s => s.Status).SingleAsync()));

        clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync(clock);
        Assert.Equal(StudentStatus.Archived, await app.QueryAsync(db => db.Students.Where(s => s.Id == leaver).Select(s => s.Status).SingleAsync()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await counsellor.GetAsync($"/api/records/students/{leaver}/file")).StatusCode);

        clock.Advance(TimeSpan.FromDays(365 * 8));
        await SweepAsync(clock);
        Assert.False(await app.QueryAsync(db => db.Students.AnyAsync(s => s.Id == leaver)));
        Assert.Equal(0, await app.QueryAsync(db => db.FileEntries.CountAsync(e => e.StudentId == leaver)));
        Assert.Equal(0, await app.QueryAsync(db => db.Guardians.CountAsync(g => g.StudentId == leaver)));
        Assert.True(await app.QueryAsync(db => db.Students.AnyAsync(s => s.Id == students[1].Id))); // the student who stayed is untouched

        var steps = await app.QueryAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.StudentId == leaver && (a.Action == "archive" || a.Action == "purge"))
            .OrderBy(a => a.Sequence).Select(a => new { a.Action, a.ActorId }).ToListAsync());
        Assert.Equal(["archive", "purge"], steps.Select(s => s.Action));
        Assert.All(steps, s => Assert.Equal("system", s.ActorId));
    }

    [Fact]
    public async Task Two_replicas_sweeping_at_once_archive_and_purge_each_file_once()
    {
        var school = await app.SchoolAsync();
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        async Task<List<Guid>> LeftLongAgoAsync()
        {
            var ids = (await app.EnrolAsync(school, "离校生甲", "离校生乙", "离校生丙")).Select(s => s.Id).ToList();
            var left = DateTimeOffset.UtcNow.AddYears(-20); // past archiving and purging, at the service's own (real) clock
            await app.QueryAsync(db => db.Students.Where(s => ids.Contains(s.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StudentStatus.Left).SetProperty(s => s.LeftAt, left)));
            return ids;
        }
        async Task<int> Direct()
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);
        }
        async Task<int> Round() => await PeriodicJobRound.RunAsync<RetentionSweep, RecordsDbContext>(scopes, CancellationToken.None) ?? 0;

        // Three sweeps at once without the job's lock (the rows' own locks decide), then two replicas' rounds.
        var leavers = await LeftLongAgoAsync();
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "students", Direct, Direct, Direct);
        leavers.AddRange(await LeftLongAgoAsync());
        await ReplicaRace.RunAsync(app.OwnerConnectionString, "students", Round, Round);

        Assert.False(await app.QueryAsync(db => db.Students.AnyAsync(s => leavers.Contains(s.Id))));
        var steps = await app.QueryAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.StudentId != null && leavers.Contains(a.StudentId.Value) && (a.Action == "archive" || a.Action == "purge"))
            .GroupBy(a => new { a.StudentId, a.Action }).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, leavers.Count * 2), steps);
    }
}
