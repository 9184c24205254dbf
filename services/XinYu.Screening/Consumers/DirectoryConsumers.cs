using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Screening.Data;
using XinYu.Screening.Services;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Consumers;

/// <summary>Learns the directory's schools (campaigns name them).</summary>
public sealed class SchoolRegisteredConsumer(ScreeningDbContext db) : IdempotentConsumer<SchoolRegistered, ScreeningDbContext>(db)
{
    protected override async Task ApplyAsync(SchoolRegistered message, ConsumeContext<SchoolRegistered> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("SchoolRegistered without a school id.");
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO schools (school_id, bureau_id) VALUES ({schoolId}, {message.BureauId}) ON CONFLICT DO NOTHING", context.CancellationToken);
    }
}

/// <summary>Learns classes and their grades (campaign progress per class).</summary>
public sealed class ClassOpenedConsumer(ScreeningDbContext db) : IdempotentConsumer<ClassOpened, ScreeningDbContext>(db)
{
    protected override async Task ApplyAsync(ClassOpened message, ConsumeContext<ClassOpened> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("ClassOpened without a school id.");
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO classes (class_id, school_id, bureau_id, grade) VALUES ({message.ClassId}, {schoolId}, {message.BureauId}, {message.Grade}) ON CONFLICT (class_id) DO UPDATE SET grade = excluded.grade",
            context.CancellationToken);
    }
}

/// <summary>
/// The student directory from Records' events. Each event carries the student's whole placement (school, class, grade),
/// so applying the latest by OccurredAt is enough; an older event arriving late changes nothing.
/// </summary>
public abstract class StudentPlacementConsumer<T>(ScreeningDbContext db, IOptions<ScreeningOptions> options)
    : IdempotentConsumer<T, ScreeningDbContext>(db) where T : IntegrationEvent
{
    protected async Task PlaceAsync(T message, Guid studentId, Guid classId, int grade, CancellationToken ct)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException($"{typeof(T).Name} without a school id.");
        // Insert-or-nothing first: two events of a new student consumed at once must not both insert (the second waits here).
        var none = options.Value.Levels().None;
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO students (student_id, bureau_id, school_id, class_id, grade, active, directory_updated_at, level, level_rank, level_reasons)
            VALUES ({studentId}, {message.BureauId}, {schoolId}, {classId}, {grade}, TRUE, {message.OccurredAt}, {none}, 0, {Array.Empty<string>()})
            ON CONFLICT DO NOTHING
            """, ct);
        var student = await Db.Students.SingleAsync(s => s.StudentId == studentId, ct);
        if (student.DirectoryUpdatedAt > message.OccurredAt) return;
        if (student.SchoolId != schoolId)
        {
            // After a transfer the old school keeps nothing of the student: every screening record follows them, closed
            // ones too (an acknowledged warning still carries the observation text), so the old school gets 404 on all.
            await Db.Warnings.Where(w => w.StudentId == studentId)
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.SchoolId, schoolId).SetProperty(w => w.ClassId, classId), ct);
            await Db.Plans.Where(p => p.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(p => p.SchoolId, schoolId), ct);
            await Db.Referrals.Where(r => r.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(r => r.SchoolId, schoolId), ct);
            await Db.ReturnAssessments.Where(r => r.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(r => r.SchoolId, schoolId), ct);
            await Db.Submissions.Where(x => x.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SchoolId, schoolId), ct);
        }
        else if (student.ClassId != classId)
        {
            // A new class of the same school: its head teacher takes the open warnings over.
            await Db.Warnings.Where(w => w.StudentId == studentId && w.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.ClassId, classId), ct);
        }
        (student.BureauId, student.SchoolId, student.ClassId, student.Grade, student.Active, student.DirectoryUpdatedAt) =
            (message.BureauId, schoolId, classId, grade, true, message.OccurredAt);
    }
}

public sealed class StudentEnrolledConsumer(ScreeningDbContext db, IOptions<ScreeningOptions> options)
    : StudentPlacementConsumer<StudentEnrolled>(db, options)
{
    protected override Task ApplyAsync(StudentEnrolled m, ConsumeContext<StudentEnrolled> context) =>
        PlaceAsync(m, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

public sealed class StudentClassChangedConsumer(ScreeningDbContext db, IOptions<ScreeningOptions> options)
    : StudentPlacementConsumer<StudentClassChanged>(db, options)
{
    protected override Task ApplyAsync(StudentClassChanged m, ConsumeContext<StudentClassChanged> context) =>
        PlaceAsync(m, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

/// <summary>After a transfer the new school is the student's school: the old school's staff lose access here too.</summary>
public sealed class StudentTransferredConsumer(ScreeningDbContext db, IOptions<ScreeningOptions> options)
    : StudentPlacementConsumer<StudentTransferred>(db, options)
{
    protected override Task ApplyAsync(StudentTransferred m, ConsumeContext<StudentTransferred> context) =>
        PlaceAsync(m, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

/// <summary>A student who left is no longer invited nor screened; their history stays.</summary>
public sealed class StudentLeftConsumer(ScreeningDbContext db) : IdempotentConsumer<StudentLeft, ScreeningDbContext>(db)
{
    protected override async Task ApplyAsync(StudentLeft message, ConsumeContext<StudentLeft> context)
    {
        var student = await Db.Students.FindAsync([message.StudentId], context.CancellationToken);
        if (student is null || student.DirectoryUpdatedAt > message.OccurredAt) return;
        student.Active = false;
        student.DirectoryUpdatedAt = message.OccurredAt;
    }
}

/// <summary>Consent for screening and referral; the latest OccurredAt per student and purpose wins.</summary>
public sealed class ConsentRecordedConsumer(ScreeningDbContext db) : IdempotentConsumer<ConsentRecorded, ScreeningDbContext>(db)
{
    public static readonly string[] Purposes = ["screening", "referral"];

    protected override async Task ApplyAsync(ConsentRecorded message, ConsumeContext<ConsentRecorded> context)
    {
        if (!Purposes.Contains(message.Purpose)) return; // data-sharing is Liaison's business
        await Apply(Db, message);
    }

    /// <summary>The rule itself, callable without a bus.</summary>
    public static async Task Apply(ScreeningDbContext db, ConsentRecorded message)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO consents (student_id, purpose, granted, occurred_at) VALUES ({message.StudentId}, {message.Purpose}, {message.Granted}, {message.OccurredAt})
            ON CONFLICT DO NOTHING
            """);
        var consent = await db.Consents.SingleAsync(c => c.StudentId == message.StudentId && c.Purpose == message.Purpose);
        if (message.OccurredAt > consent.OccurredAt)
        {
            consent.Granted = message.Granted;
            consent.OccurredAt = message.OccurredAt;
        }
    }
}
