using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Records.Import;

/// <summary>
/// Applies a checked roster to the database: new students are enrolled (StudentEnrolled each), known students whose
/// class changed are moved (StudentClassChanged), in one transaction and one batched SaveChanges. A student is known
/// by 学籍号 within the bureau, or, without one, by name and birth date within the school.
/// </summary>
public sealed class RosterImporter(SchoolClock clock, IDataProtectionProvider protection)
{
    /// <summary>
    /// The reason given for a 学籍号 held by a student of another school. It must not say so: a school may not learn
    /// that a child is enrolled elsewhere in the bureau (issue #15, point 14); a transfer goes through the bureau.
    /// </summary>
    public const string UnusableNumber = "This student number cannot be used; contact the bureau if the student is transferring.";

    private readonly IDataProtector _phones = protection.CreateProtector(RecordsDbContext.GuardianPhonePurpose);

    private static async Task CopyStudentsAsync(NpgsqlConnection connection, IEnumerable<Student> students, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY students (id, bureau_id, school_id, class_id, grade, national_number, name, gender, birth_date, status, enrolled_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var s in students)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(s.BureauId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(s.SchoolId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(s.ClassId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(s.Grade, NpgsqlDbType.Integer, ct);
            if (s.NationalNumber is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(s.NationalNumber, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(s.Name, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(s.Gender, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(s.BirthDate, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(s.Status, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(s.EnrolledAt, NpgsqlDbType.TimestampTz, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private async Task CopyGuardiansAsync(NpgsqlConnection connection, IEnumerable<Guardian> guardians, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY guardians (id, student_id, name, relation, phone, recorded_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var g in guardians)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(g.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(g.StudentId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(g.Name, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(g.Relation, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(_phones.Protect(g.Phone), NpgsqlDbType.Text, ct); // the same protector the column converter uses
            await copy.WriteAsync(g.RecordedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task CopyOutboxAsync(NpgsqlConnection connection, IEnumerable<OutboxMessage> messages, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (message_id, message_type, payload, aggregate_key, created_at, attempts, traceparent, tracestate) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var m in messages)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(m.MessageId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(m.MessageType, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(m.Payload, NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(m.AggregateKey, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
            if (m.TraceParent is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(m.TraceParent, NpgsqlDbType.Varchar, ct);
            if (m.TraceState is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(m.TraceState, NpgsqlDbType.Varchar, ct);
        }
        await copy.CompleteAsync(ct);
    }

    public async Task<RosterImportReport> ImportAsync(RecordsDbContext db, AuditTrail audit, KnownSchool school, List<RosterRow> rows,
        bool spreadsheetSerials, string mode, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = clock.DateOf(now);
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolId == school.SchoolId && !c.Closed)
            .Select(c => new RosterClass(c.ClassId, c.Name, c.Grade)).ToListAsync(ct);

        var rejections = new List<RowRejection>();
        var candidates = new List<RosterStudent>(rows.Count);
        foreach (var row in rows)
        {
            var (student, refused) = RosterRules.Check(row, classes, today, spreadsheetSerials);
            if (student is null) rejections.AddRange(refused);
            else candidates.Add(student);
        }
        var duplicates = RosterRules.Duplicates(candidates);
        rejections.AddRange(duplicates);
        var duplicateRows = duplicates.Select(d => d.Row).ToHashSet();
        candidates.RemoveAll(c => duplicateRows.Contains(c.Row));

        // Known students: by 学籍号 anywhere in the bureau; without one, by name and birth date in this school.
        var numbers = candidates.Where(c => c.NationalNumber is not null).Select(c => c.NationalNumber!).ToList();
        var byNumber = await db.Students.Where(s => s.BureauId == school.BureauId && s.NationalNumber != null && numbers.Contains(s.NationalNumber))
            .ToDictionaryAsync(s => s.NationalNumber!, ct);
        var unnumbered = await db.Students.Where(s => s.SchoolId == school.SchoolId && s.NationalNumber == null).ToListAsync(ct);
        var byNameAndBirth = unnumbered.GroupBy(s => (s.Name, s.BirthDate)).ToDictionary(g => g.Key, g => g.First());
        var knownIds = byNumber.Values.Select(s => s.Id).Concat(unnumbered.Select(s => s.Id)).ToList();
        var knownGuardians = (await db.Guardians.AsNoTracking().Where(g => knownIds.Contains(g.StudentId)).Select(g => new { g.StudentId, g.Name }).ToListAsync(ct))
            .Select(g => (g.StudentId, g.Name)).ToHashSet();

        var pendingGuardians = new List<Guardian>();
        var enrolled = new List<(Student Student, RosterStudent Row)>();
        var moved = new List<Student>();
        var unchanged = 0;
        foreach (var candidate in candidates)
        {
            var known = candidate.NationalNumber is { } number ? byNumber.GetValueOrDefault(number) : byNameAndBirth.GetValueOrDefault((candidate.Name, candidate.BirthDate));
            if (known is null)
            {
                enrolled.Add((new Student
                {
                    Id = Guid.CreateVersion7(), BureauId = school.BureauId, SchoolId = school.SchoolId, ClassId = candidate.ClassId, Grade = candidate.Grade,
                    NationalNumber = candidate.NationalNumber, Name = candidate.Name, Gender = candidate.Gender, BirthDate = candidate.BirthDate,
                    Status = StudentStatus.Active, EnrolledAt = now,
                }, candidate));
            }
            else if (known.SchoolId != school.SchoolId)
            {
                rejections.Add(new RowRejection(candidate.Row, RosterColumns.NationalNumber, UnusableNumber));
            }
            else if (known.Status != StudentStatus.Active)
            {
                rejections.Add(new RowRejection(candidate.Row, RosterColumns.NationalNumber, "This student has left the bureau's schools; their file is closed."));
            }
            else if (known.ClassId != candidate.ClassId)
            {
                known.ClassId = candidate.ClassId;
                known.Grade = candidate.Grade;
                moved.Add(known);
                AddGuardian(known.Id, candidate);
            }
            else
            {
                unchanged++;
                AddGuardian(known.Id, candidate);
            }
        }

        var rejectedRows = rejections.Select(r => r.Row).Distinct().Count();
        var ordered = rejections.OrderBy(r => r.Row).ThenBy(r => r.Field, StringComparer.Ordinal).ToList();
        if (mode == RosterImportModes.AllOrNothing && rejectedRows > 0)
        {
            db.ChangeTracker.Clear();
            return new RosterImportReport(mode, rows.Count, 0, 0, 0, rejectedRows, ordered, Stored: false);
        }

        var guardians = new List<Guardian>();
        foreach (var (student, row) in enrolled)
        {
            if (row.GuardianName is not null)
                guardians.Add(new Guardian { Id = Guid.CreateVersion7(), StudentId = student.Id, Name = row.GuardianName, Relation = row.GuardianRelation!, Phone = row.GuardianPhone!, RecordedAt = now });
        }
        guardians.AddRange(pendingGuardians);

        // One transaction. New students, their guardians and their events go in by COPY (binary), which is what makes
        // a 10,000-row roster take seconds rather than minutes; moved students, the audit entry and the class-change
        // events by EF Core. The outbox rows are made by the messaging library (db.Publish) and only written here.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false; // nothing tracked changes while the events are made
        foreach (var (student, _) in enrolled)
        {
            db.Publish(new StudentEnrolled { BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = student.Id, ClassId = student.ClassId, Grade = student.Grade, OccurredAt = now },
                EventKeys.Student(student.Id));
        }
        var outbox = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var message in outbox) db.Entry(message).State = EntityState.Detached;
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await CopyStudentsAsync(connection, enrolled.Select(e => e.Student), ct);
        await CopyGuardiansAsync(connection, guardians, ct);
        await CopyOutboxAsync(connection, outbox, ct);
        foreach (var student in moved)
        {
            db.Publish(new StudentClassChanged { BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = student.Id, ClassId = student.ClassId, Grade = student.Grade, OccurredAt = now },
                EventKeys.Student(student.Id));
        }
        audit.Record(db, new AuditRecord("import", "roster", $"rows={rows.Count};enrolled={enrolled.Count};moved={moved.Count};rejected={rejectedRows}",
            SchoolId: school.SchoolId));
        await db.SaveAsync(ct);
        await transaction.CommitAsync(ct);
        return new RosterImportReport(mode, rows.Count, enrolled.Count, moved.Count, unchanged, rejectedRows, ordered, Stored: true);

        void AddGuardian(Guid studentId, RosterStudent row)
        {
            if (row.GuardianName is null || !knownGuardians.Add((studentId, row.GuardianName))) return;
            pendingGuardians.Add(new Guardian { Id = Guid.CreateVersion7(), StudentId = studentId, Name = row.GuardianName, Relation = row.GuardianRelation!, Phone = row.GuardianPhone!, RecordedAt = now });
        }
    }
}
