using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;

namespace XinYu.Records.Retention;

/// <summary>Retention of files of students who left (section <c>Records:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Years after leaving before a file is archived (no ordinary reads). The seeds set no figure; 3 years
    /// matches PIPL's minimum keeping of processing records (Art. 56).</summary>
    public int ArchiveAfterYears { get; set; } = 3;
    /// <summary>Years after leaving before an archived file is purged (deleted with its guardians, entries, timeline, notes).</summary>
    public int PurgeAfterYears { get; set; } = 10;
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>Files handled per sweep step, so one sweep never holds a long transaction.</summary>
    public int BatchSize { get; set; } = 200;
}

public sealed record RetentionResult(int Archived, int Purged);

/// <summary>
/// Archives, then purges, files of students who left, each step with an audit entry (actor "system") in the same
/// transaction. A pure function of the clock and the data: tests call <see cref="SweepAsync"/> with a fake clock.
/// </summary>
public sealed class RetentionSweep(IOptionsMonitor<RetentionOptions> options, TimeProvider clock, AuditTrail audit)
{
    public async Task<RetentionResult> SweepAsync(RecordsDbContext db, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var archiveBefore = now.AddYears(-Math.Max(0, settings.ArchiveAfterYears));
        var purgeBefore = now.AddYears(-Math.Max(settings.ArchiveAfterYears, settings.PurgeAfterYears));
        int archived = 0, purged = 0;

        while (true)
        {
            var due = await db.Students.Where(s => s.Status == StudentStatus.Left && s.LeftAt != null && s.LeftAt < archiveBefore)
                .OrderBy(s => s.LeftAt).Take(settings.BatchSize).ToListAsync(ct);
            if (due.Count == 0) break;
            foreach (var student in due)
            {
                student.Status = StudentStatus.Archived;
                student.ArchivedAt = now;
                audit.Record(db, new AuditRecord("archive", "student-file", student.Id.ToString(), student.Id, student.SchoolId,
                    $"retention: left {student.LeftAt:yyyy-MM-dd}, archive after {settings.ArchiveAfterYears} years"));
            }
            await db.SaveChangesAsync(ct);
            archived += due.Count;
            db.ChangeTracker.Clear();
        }

        while (true)
        {
            var due = await db.Students.AsNoTracking().Where(s => s.Status == StudentStatus.Archived && s.LeftAt != null && s.LeftAt < purgeBefore)
                .OrderBy(s => s.LeftAt).Take(settings.BatchSize).Select(s => new { s.Id, s.SchoolId, s.LeftAt }).ToListAsync(ct);
            if (due.Count == 0) break;
            var ids = due.Select(d => d.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var d in due)
            {
                audit.Record(db, new AuditRecord("purge", "student-file", d.Id.ToString(), d.Id, d.SchoolId,
                    $"retention: left {d.LeftAt:yyyy-MM-dd}, purge after {settings.PurgeAfterYears} years"));
            }
            await db.SaveChangesAsync(ct);
            await db.Timeline.Where(t => ids.Contains(t.StudentId)).ExecuteDeleteAsync(ct);
            await db.Appointments.Where(a => ids.Contains(a.StudentId)).ExecuteDeleteAsync(ct);
            // Group sessions keep the other students' notes: only the purged student's name on them goes; an
            // individual session (or a group left empty) goes whole.
            foreach (var id in ids)
            {
                await db.Database.ExecuteSqlAsync($"UPDATE counselling_sessions SET student_ids = array_remove(student_ids, {id}) WHERE student_ids @> ARRAY[{id}]::uuid[]", ct);
            }
            await db.Sessions.Where(s => s.StudentIds.Count == 0).ExecuteDeleteAsync(ct);
            await db.Students.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct); // guardians, consents, entries cascade
            await transaction.CommitAsync(ct);
            purged += due.Count;
            db.ChangeTracker.Clear();
        }
        return new RetentionResult(archived, purged);
    }
}

/// <summary>Runs the sweep on an interval.</summary>
public sealed class RetentionService(IServiceScopeFactory scopes, IOptionsMonitor<RetentionOptions> options, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<RetentionSweep>()
                    .SweepAsync(scope.ServiceProvider.GetRequiredService<RecordsDbContext>(), stoppingToken);
                if (result.Archived + result.Purged > 0) logger.LogInformation("Retention archived {Archived} and purged {Purged} files", result.Archived, result.Purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Retention sweep failed; it runs again at the next interval");
            }
            await Task.Delay(options.CurrentValue.Interval, stoppingToken);
        }
    }
}
