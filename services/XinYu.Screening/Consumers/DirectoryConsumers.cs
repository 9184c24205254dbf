using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Inbox;
using XinYu.Screening.Data;
using XinYu.Screening.Domain;

namespace XinYu.Screening.Consumers;

/// <summary>Learns the directory's schools (campaigns name them).</summary>
public sealed class SchoolRegisteredConsumer(ScreeningDbContext db) : KnownSchoolConsumer<SchoolRegistered, ScreeningDbContext, KnownSchool>(db);

/// <summary>Learns classes and their grades (campaign progress per class).</summary>
public sealed class ClassOpenedConsumer(ScreeningDbContext db) : ClassOpenedCopyConsumer<ScreeningDbContext, KnownClass>(db)
{
    protected override void Update(KnownClass known, ClassOpened m)
    {
        base.Update(known, m);
        known.Grade = m.Grade;
    }
}

/// <summary>
/// What a student's new placement moves along in screening, and the level a student starts with. Each placement event
/// carries the whole placement, so the latest by OccurredAt decides (XinYu.Messaging.Copies); an older one changes nothing.
/// </summary>
internal static class Placement
{
    public static Student NewStudent(IOptions<ScreeningOptions> options) => new() { Level = options.Value.Levels().None, LevelReasons = [] };

    public static async Task MoveRecordsAsync(ScreeningDbContext db, Student student, IntegrationEvent message, Guid classId, bool created, CancellationToken ct)
    {
        if (created) return;
        var schoolId = message.RequiredSchoolId();
        if (student.SchoolId != schoolId)
        {
            // After a transfer the old school keeps nothing of the student: every screening record follows them, closed
            // ones too (an acknowledged warning still carries the observation text), so the old school gets 404 on all.
            var studentId = student.StudentId;
            await db.Warnings.Where(w => w.StudentId == studentId)
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.SchoolId, schoolId).SetProperty(w => w.ClassId, classId), ct);
            await db.Plans.Where(p => p.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(p => p.SchoolId, schoolId), ct);
            await db.Referrals.Where(r => r.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(r => r.SchoolId, schoolId), ct);
            await db.ReturnAssessments.Where(r => r.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(r => r.SchoolId, schoolId), ct);
            await db.Submissions.Where(x => x.StudentId == studentId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SchoolId, schoolId), ct);
        }
        else if (student.ClassId != classId)
        {
            // A new class of the same school: its head teacher takes the open warnings over.
            await db.Warnings.Where(w => w.StudentId == student.StudentId && w.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.ClassId, classId), ct);
        }
    }
}

public sealed class StudentEnrolledConsumer(ScreeningDbContext db, IOptions<ScreeningOptions> options)
    : StudentEnrolledCopyConsumer<ScreeningDbContext, Student>(db)
{
    protected override Student Create(StudentEnrolled m) => Placement.NewStudent(options);
    protected override Task OnChangingAsync(Student student, StudentEnrolled m, bool created, CancellationToken ct) =>
        Placement.MoveRecordsAsync(Db, student, m, m.ClassId, created, ct);
}

public sealed class StudentClassChangedConsumer(ScreeningDbContext db, IOptions<ScreeningOptions> options)
    : StudentClassChangedCopyConsumer<ScreeningDbContext, Student>(db)
{
    protected override Student Create(StudentClassChanged m) => Placement.NewStudent(options);
    protected override Task OnChangingAsync(Student student, StudentClassChanged m, bool created, CancellationToken ct) =>
        Placement.MoveRecordsAsync(Db, student, m, m.ClassId, created, ct);
}

/// <summary>After a transfer the new school is the student's school: the old school's staff lose access here too.</summary>
public sealed class StudentTransferredConsumer(ScreeningDbContext db, IOptions<ScreeningOptions> options)
    : StudentTransferredCopyConsumer<ScreeningDbContext, Student>(db)
{
    protected override Student Create(StudentTransferred m) => Placement.NewStudent(options);
    protected override Task OnChangingAsync(Student student, StudentTransferred m, bool created, CancellationToken ct) =>
        Placement.MoveRecordsAsync(Db, student, m, m.ClassId, created, ct);
}

/// <summary>A student who left is no longer invited nor screened; their history stays.</summary>
public sealed class StudentLeftConsumer(ScreeningDbContext db) : StudentLeftCopyConsumer<ScreeningDbContext, Student>(db);

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
