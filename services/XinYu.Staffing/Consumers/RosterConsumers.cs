using MassTransit;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Inbox;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Consumers;

// The mentor grid's roster: which students (ids only) are in which class of which school, from Records' events.

public sealed class StudentEnrolledConsumer(StaffingDbContext db) : IdempotentConsumer<StudentEnrolled, StaffingDbContext>(db)
{
    protected override Task ApplyAsync(StudentEnrolled m, ConsumeContext<StudentEnrolled> context) =>
        Roster.PlaceAsync(Db, m.BureauId, m.SchoolId, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

public sealed class StudentClassChangedConsumer(StaffingDbContext db) : IdempotentConsumer<StudentClassChanged, StaffingDbContext>(db)
{
    protected override Task ApplyAsync(StudentClassChanged m, ConsumeContext<StudentClassChanged> context) =>
        Roster.PlaceAsync(Db, m.BureauId, m.SchoolId, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

/// <summary>A transfer moves the student to the new school; the old school's mentor no longer mentors them.</summary>
public sealed class StudentTransferredConsumer(StaffingDbContext db) : IdempotentConsumer<StudentTransferred, StaffingDbContext>(db)
{
    protected override Task ApplyAsync(StudentTransferred m, ConsumeContext<StudentTransferred> context) =>
        Roster.PlaceAsync(Db, m.BureauId, m.SchoolId, m.StudentId, m.ClassId, m.Grade, context.CancellationToken);
}

public sealed class StudentLeftConsumer(StaffingDbContext db) : IdempotentConsumer<StudentLeft, StaffingDbContext>(db)
{
    protected override async Task ApplyAsync(StudentLeft m, ConsumeContext<StudentLeft> context)
    {
        await Db.Mentorships.Where(x => x.StudentId == m.StudentId).ExecuteDeleteAsync(context.CancellationToken);
        await Db.Roster.Where(x => x.StudentId == m.StudentId).ExecuteDeleteAsync(context.CancellationToken);
    }
}

internal static class Roster
{
    /// <summary>Puts the student in the class; a change of school ends their mentorship (it was the old school's).</summary>
    public static async Task PlaceAsync(StaffingDbContext db, Guid bureau, Guid? schoolId, Guid studentId, Guid classId, int grade, CancellationToken ct)
    {
        var school = schoolId ?? throw new InvalidMessageException("A student event without a school id.");
        var student = await db.Roster.FindAsync([studentId], ct);
        if (student is null) db.Roster.Add(student = new RosterStudent { StudentId = studentId });
        else if (student.SchoolId != school) await db.Mentorships.Where(x => x.StudentId == studentId).ExecuteDeleteAsync(ct);
        (student.BureauId, student.SchoolId, student.ClassId, student.Grade) = (bureau, school, classId, grade);
    }
}
