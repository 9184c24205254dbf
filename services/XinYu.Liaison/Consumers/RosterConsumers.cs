using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Messaging.Inbox;
using XinYu.Liaison.Domain;

namespace XinYu.Liaison.Consumers;

// The roster liaison needs (which students are on which class's roll, which school years exist), learned from the
// directory's, the records' and the calendar's events. Each applies once (inbox) and is written to be re-applied
// safely too (upserts), so a replayed history converges on the same roster.

public sealed class SchoolRegisteredConsumer(LiaisonDbContext db) : IdempotentConsumer<SchoolRegistered, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(SchoolRegistered message, ConsumeContext<SchoolRegistered> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("SchoolRegistered without a school id.");
        if (!await Db.Schools.AnyAsync(s => s.SchoolId == schoolId, context.CancellationToken))
            Db.Schools.Add(new KnownSchool { SchoolId = schoolId, BureauId = message.BureauId });
    }
}

public sealed class ClassOpenedConsumer(LiaisonDbContext db) : IdempotentConsumer<ClassOpened, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(ClassOpened message, ConsumeContext<ClassOpened> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("ClassOpened without a school id.");
        var known = await Db.Classes.FindAsync([message.ClassId], context.CancellationToken);
        if (known is null)
            Db.Classes.Add(new KnownClass { ClassId = message.ClassId, SchoolId = schoolId, BureauId = message.BureauId, Grade = message.Grade });
    }
}

public sealed class ClassClosedConsumer(LiaisonDbContext db) : IdempotentConsumer<ClassClosed, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(ClassClosed message, ConsumeContext<ClassClosed> context)
    {
        var schoolId = message.SchoolId ?? throw new InvalidMessageException("ClassClosed without a school id.");
        var known = await Db.Classes.FindAsync([message.ClassId], context.CancellationToken);
        if (known is null)
            Db.Classes.Add(new KnownClass { ClassId = message.ClassId, SchoolId = schoolId, BureauId = message.BureauId, Closed = true });
        else
            known.Closed = true;
    }
}

/// <summary>Places a student on a class's roll (enrolment, class change, transfer: the latest event decides).</summary>
internal static class Roster
{
    public static async Task PlaceAsync(LiaisonDbContext db, Guid bureauId, Guid? schoolId, Guid studentId, Guid classId, int grade, CancellationToken ct)
    {
        var school = schoolId ?? throw new InvalidMessageException("A student event without a school id.");
        var student = await db.Students.FindAsync([studentId], ct);
        if (student is null)
        {
            db.Students.Add(new RosterStudent { StudentId = studentId, BureauId = bureauId, SchoolId = school, ClassId = classId, Grade = grade });
            return;
        }
        (student.BureauId, student.SchoolId, student.ClassId, student.Grade, student.Left) = (bureauId, school, classId, grade, false);
    }
}

public sealed class StudentEnrolledConsumer(LiaisonDbContext db) : IdempotentConsumer<StudentEnrolled, LiaisonDbContext>(db)
{
    protected override Task ApplyAsync(StudentEnrolled m, ConsumeContext<StudentEnrolled> context) =>
        Roster.PlaceAsync(Db, m.BureauId, m.SchoolId, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

public sealed class StudentClassChangedConsumer(LiaisonDbContext db) : IdempotentConsumer<StudentClassChanged, LiaisonDbContext>(db)
{
    protected override Task ApplyAsync(StudentClassChanged m, ConsumeContext<StudentClassChanged> context) =>
        Roster.PlaceAsync(Db, m.BureauId, m.SchoolId, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

/// <summary>
/// The new school takes the student over; the old school's staff lose access to the student's liaison records, which
/// follow the student (their school id becomes the new school's). Open tasks move with the student too.
/// </summary>
public sealed class StudentTransferredConsumer(LiaisonDbContext db) : IdempotentConsumer<StudentTransferred, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(StudentTransferred m, ConsumeContext<StudentTransferred> context)
    {
        var ct = context.CancellationToken;
        await Roster.PlaceAsync(Db, m.BureauId, m.SchoolId, m.StudentId, m.ClassId, m.Grade, ct);
        var school = m.SchoolId!.Value;
        foreach (var v in await Db.Visits.Where(v => v.StudentId == m.StudentId).ToListAsync(ct)) v.SchoolId = school;
        foreach (var t in await Db.SpecialVisits.Where(t => t.StudentId == m.StudentId).ToListAsync(ct)) (t.SchoolId, t.ClassId) = (school, m.ClassId);
        foreach (var n in await Db.GuardianNotifications.Where(n => n.StudentId == m.StudentId).ToListAsync(ct)) (n.SchoolId, n.ClassId) = (school, m.ClassId);
        foreach (var c in await Db.JointCases.Where(c => c.StudentId == m.StudentId).ToListAsync(ct)) c.SchoolId = school;
        await Db.PlannedVisits.Where(p => p.StudentId == m.StudentId).ExecuteDeleteAsync(ct);
    }
}

public sealed class StudentLeftConsumer(LiaisonDbContext db) : IdempotentConsumer<StudentLeft, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(StudentLeft m, ConsumeContext<StudentLeft> context)
    {
        var student = await Db.Students.FindAsync([m.StudentId], context.CancellationToken);
        if (student is not null) student.Left = true;
    }
}

public sealed class TermScheduledConsumer(LiaisonDbContext db) : IdempotentConsumer<TermScheduled, LiaisonDbContext>(db)
{
    protected override async Task ApplyAsync(TermScheduled m, ConsumeContext<TermScheduled> context)
    {
        if (m.EndsOn < m.StartsOn) throw new InvalidMessageException("TermScheduled ends before it starts.");
        var term = await Db.Terms.FindAsync([m.TermId], context.CancellationToken);
        if (term is null) Db.Terms.Add(term = new KnownTerm { TermId = m.TermId, BureauId = m.BureauId });
        (term.SchoolYear, term.Number, term.StartsOn, term.EndsOn) = (m.SchoolYear, m.Number, m.StartsOn, m.EndsOn);
    }
}
