using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Liaison.Data;
using XinYu.Messaging.Copies;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Inbox;
using XinYu.Liaison.Domain;

namespace XinYu.Liaison.Consumers;

// The roster liaison needs (which students are on which class's roll, which school years exist), learned from the
// directory's, the records' and the calendar's events: local copies (XinYu.Messaging.Copies), each event applied
// once and the latest event winning, so a replayed or reordered history converges on the same roster.

public sealed class SchoolRegisteredConsumer(LiaisonDbContext db) : KnownSchoolConsumer<SchoolRegistered, LiaisonDbContext, KnownSchool>(db);

public sealed class ClassOpenedConsumer(LiaisonDbContext db) : ClassOpenedCopyConsumer<LiaisonDbContext, KnownClass>(db)
{
    protected override void Update(KnownClass known, ClassOpened m)
    {
        base.Update(known, m);
        (known.Grade, known.Closed) = (m.Grade, false);
    }
}

/// <summary>A closing learned before the opening is kept as a closed class, so the opening arriving late stays behind it.</summary>
public sealed class ClassClosedConsumer(LiaisonDbContext db) : LocalCopyConsumer<ClassClosed, LiaisonDbContext, KnownClass>(db)
{
    protected override object[] KeyOf(ClassClosed m) => [m.ClassId];
    protected override void Update(KnownClass known, ClassClosed m) =>
        (known.ClassId, known.SchoolId, known.BureauId, known.Closed) = (m.ClassId, m.RequiredSchoolId(), m.BureauId, true);
}

public sealed class StudentEnrolledConsumer(LiaisonDbContext db) : StudentEnrolledCopyConsumer<LiaisonDbContext, RosterStudent>(db);

public sealed class StudentClassChangedConsumer(LiaisonDbContext db) : StudentClassChangedCopyConsumer<LiaisonDbContext, RosterStudent>(db);

/// <summary>
/// The new school takes the student over; the old school's staff lose access to the student's liaison records, which
/// follow the student (their school id becomes the new school's). Open tasks move with the student too.
/// </summary>
public sealed class StudentTransferredConsumer(LiaisonDbContext db) : StudentTransferredCopyConsumer<LiaisonDbContext, RosterStudent>(db)
{
    protected override async Task OnChangingAsync(RosterStudent student, StudentTransferred m, bool created, CancellationToken ct)
    {
        var school = m.RequiredSchoolId();
        foreach (var v in await Db.Visits.Where(v => v.StudentId == m.StudentId).ToListAsync(ct)) v.SchoolId = school;
        foreach (var t in await Db.SpecialVisits.Where(t => t.StudentId == m.StudentId).ToListAsync(ct)) (t.SchoolId, t.ClassId) = (school, m.ClassId);
        foreach (var n in await Db.GuardianNotifications.Where(n => n.StudentId == m.StudentId).ToListAsync(ct)) (n.SchoolId, n.ClassId) = (school, m.ClassId);
        foreach (var c in await Db.JointCases.Where(c => c.StudentId == m.StudentId).ToListAsync(ct)) c.SchoolId = school;
        await Db.PlannedVisits.Where(p => p.StudentId == m.StudentId).ExecuteDeleteAsync(ct);
    }
}

public sealed class StudentLeftConsumer(LiaisonDbContext db) : StudentLeftCopyConsumer<LiaisonDbContext, RosterStudent>(db);

/// <summary>Calendar's terms: the latest schedule of a term replaces the earlier one.</summary>
public sealed class TermScheduledConsumer(LiaisonDbContext db) : TermScheduledCopyConsumer<LiaisonDbContext, KnownTerm>(db);
