using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace XinYu.Bench.Scenarios;

/// <summary>
/// The ceiling for the screening peak, measured in the same run: the durable work one submission does, straight
/// against Screening's PostgreSQL with Npgsql at the same concurrency, with no HTTP, gateway, token or service in
/// between. Per call: the replay check, the student with their screening consent, then one transaction writing the
/// result, its audit entry (through the same append-only trigger) and its outbox row. The rows are Screening's own
/// tables; outbox rows are written as already sent (nothing is published) under the aggregate key <c>bench-ceiling:…</c> and results are marked
/// <c>submitted_by = 'bench-ceiling'</c>. What the suite reaches is printed as a ratio of this.
/// </summary>
public static class CeilingScenario
{
    public const string Marker = "bench-ceiling";

    public static async Task<LoadResult> RunAsync(BenchContext context)
    {
        var students = context.Bureau!.Schools.SelectMany(s => s.Students).Select(s => s.Id).ToArray();
        var builder = new NpgsqlConnectionStringBuilder(context.Deliveries.ConnectionString("screeningdb"))
        {
            MaxPoolSize = Math.Max(100, context.Options.Concurrency + 8),
        };
        await using var source = NpgsqlDataSource.Create(builder.ConnectionString);
        var result = await LoadRunner.RunAsync(context.Options.Concurrency, context.Options.Duration,
            (_, n) => OneSubmissionAsync(source, students[n % students.Length]), warmUp: TimeSpan.FromSeconds(3));
        context.Results.Add("ceiling", "the same durable work straight on PostgreSQL", result.PerSecond, "/s",
            note: $"p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, {result.Failures} failed{(result.FirstFailure is null ? "" : " (" + result.FirstFailure + ")")}; "
                + $"{context.Options.Concurrency} concurrent; 2 reads + 1 transaction (result, audit entry, outbox row)");
        await WaitForSealerAsync(context);
        return result;
    }

    /// <summary>
    /// Screening's audit sealer chains the ceiling's tens of thousands of entries after it: the peak waits for that,
    /// or it would measure the sealer's catching up as Screening's cost. How long it took is a figure of its own.
    /// </summary>
    private static async Task WaitForSealerAsync(BenchContext context)
    {
        var clock = Stopwatch.StartNew();
        var unsealed = await context.Deliveries.CountAsync("screeningdb", "SELECT count(*) FROM audit_entries WHERE hash IS NULL");
        var first = unsealed;
        while (unsealed > 0 && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(500);
            unsealed = await context.Deliveries.CountAsync("screeningdb", "SELECT count(*) FROM audit_entries WHERE hash IS NULL");
        }
        context.Results.Add("ceiling", "audit entries sealed after it", first / Math.Max(clock.Elapsed.TotalSeconds, 0.001), "entries/s",
            note: $"{first} unsealed at the end, {unsealed} left after {clock.Elapsed.TotalSeconds:F1} s (Screening's sealer)");
    }

    private static async Task<string?> OneSubmissionAsync(NpgsqlDataSource source, Guid studentId)
    {
        var submissionId = Guid.CreateVersion7();
        await using var connection = await source.OpenConnectionAsync();
        await using (var replay = new NpgsqlCommand("SELECT 1 FROM submissions WHERE id = $1", connection))
        {
            replay.Parameters.Add(new NpgsqlParameter { Value = submissionId });
            if (await replay.ExecuteScalarAsync() is not null) return "submission id reused";
        }
        Guid bureau, school, @class;
        int grade;
        await using (var read = new NpgsqlCommand(
            """
            SELECT s.bureau_id, s.school_id, s.class_id, s.grade, s.active,
                   (SELECT c.granted FROM consents c WHERE c.student_id = s.student_id AND c.purpose = 'screening' LIMIT 1)
            FROM students s WHERE s.student_id = $1
            """, connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = studentId });
            await using var reader = await read.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return "student unknown to screening";
            (bureau, school, @class, grade) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3));
        }
        var now = DateTimeOffset.UtcNow;
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("BEGIN"),
                Command("""
                    INSERT INTO submissions (id, bureau_id, school_id, class_id, grade, student_id, instrument_code, instrument_version,
                        answers, total, band, level, critical_item_answered, submitted_at, submitted_by)
                    VALUES ($1, $2, $3, $4, $5, $6, 'phq-9', 1, $7, 3, 'minimal', 'none', false, $8, $9)
                    """, submissionId, bureau, school, @class, grade, studentId, new[] { 1, 0, 1, 0, 1, 0, 0, 0, 0 }, now, Marker),
                Command("""
                    INSERT INTO audit_entries (sequence, occurred_at, actor_id, actor_roles, action, resource_type, resource_id,
                        student_id, school_id, bureau_id)
                    VALUES (0, $1, $2, 'psych-teacher', 'create', 'screening-result', $3, $4, $5, $6)
                    """, now, Marker, submissionId.ToString(), studentId, school, bureau),
                Command("""
                    INSERT INTO outbox_messages (message_id, message_type, payload, aggregate_key, created_at, sent_at, attempts)
                    VALUES ($1, 'XinYu.Contracts.ScreeningSubmitted, XinYu.Contracts', $2::jsonb, $3, $4, $4, 0)
                    """, Guid.CreateVersion7(), Payload(submissionId, studentId, school, bureau, @class, now), Marker + ":" + studentId, now),
                new("COMMIT"),
            },
        };
        await batch.ExecuteNonQueryAsync();
        return null;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value is int[] ints
                ? new NpgsqlParameter { Value = ints, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer }
                : new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>A payload the size of a real ScreeningSubmitted (ids, instrument, score, band).</summary>
    private static string Payload(Guid submission, Guid student, Guid school, Guid bureau, Guid @class, DateTimeOffset at) =>
        $$"""{"bureauId":"{{bureau}}","schoolId":"{{school}}","classId":"{{@class}}","submissionId":"{{submission}}","studentId":"{{student}}","campaignId":null,"instrumentCode":"phq-9","instrumentVersion":1,"totalScore":3,"band":"minimal","criticalItemAnswered":false,"occurredAt":"{{at:O}}"}""";
}
