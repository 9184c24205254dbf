using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.Records.Jobs;
using XinYu.ServiceDefaults.Auditing;

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
}
