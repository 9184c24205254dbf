using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Jobs;

namespace XinYu.Records.Jobs;

public sealed record RetentionResult(int Archived, int Purged);

/// <summary>
/// Archives, then purges, files of students who left, each step with an audit entry (actor "system") in the same
/// transaction. A pure function of the clock and the data: tests call <see cref="SweepAsync"/> with a fake clock. One
/// replica runs a round (<see cref="IPeriodicJob"/>); each batch is also taken <c>FOR UPDATE SKIP LOCKED</c>, so two
/// sweeps at once never archive or purge a file twice (nor audit it twice).
/// </summary>
public sealed class RetentionSweep(RecordsDbContext db, IOptionsMonitor<RetentionOptions> options, TimeProvider clock, AuditTrail audit) : IPeriodicJob
{
    public TimeSpan Interval => options.CurrentValue.Interval;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var result = await SweepAsync(ct);
        return result.Archived + result.Purged;
    }

    public async Task<RetentionResult> SweepAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var archiveBefore = now.AddYears(-Math.Max(0, settings.ArchiveAfterYears));
        var purgeBefore = now.AddYears(-Math.Max(settings.ArchiveAfterYears, settings.PurgeAfterYears));
        int archived = 0, purged = 0;

        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var due = await db.Students.FromSql(
                $"SELECT * FROM students WHERE status = {StudentStatus.Left} AND left_at < {archiveBefore} ORDER BY left_at LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct);
            if (due.Count == 0) break;
            foreach (var student in due)
            {
                student.Status = StudentStatus.Archived;
                student.ArchivedAt = now;
                audit.Record(db, new AuditRecord("archive", "student-file", student.Id.ToString(), student.Id, student.SchoolId,
                    $"retention: left {student.LeftAt:yyyy-MM-dd}, archive after {settings.ArchiveAfterYears} years"));
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            archived += due.Count;
            db.ChangeTracker.Clear();
        }

        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var due = await db.Students.FromSql(
                $"SELECT * FROM students WHERE status = {StudentStatus.Archived} AND left_at < {purgeBefore} ORDER BY left_at LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking().ToListAsync(ct);
            if (due.Count == 0) break;
            var ids = due.Select(d => d.Id).ToList();
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
