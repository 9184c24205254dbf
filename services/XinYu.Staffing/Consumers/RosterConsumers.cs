using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Copies;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Consumers;

// The mentor grid's roster: which students (ids only) are in which class of which school, from Records' events, kept
// as a local copy (XinYu.Messaging.Copies): the latest event wins, so a late, older event cannot move a student back.

public sealed class StudentEnrolledConsumer(StaffingDbContext db) : StudentEnrolledCopyConsumer<StaffingDbContext, RosterStudent>(db)
{
    protected override Task OnChangingAsync(RosterStudent student, StudentEnrolled m, bool created, CancellationToken ct) =>
        Roster.EndMentorshipIfMovedAsync(Db, student, m, created, ct);
}

public sealed class StudentClassChangedConsumer(StaffingDbContext db) : StudentClassChangedCopyConsumer<StaffingDbContext, RosterStudent>(db)
{
    protected override Task OnChangingAsync(RosterStudent student, StudentClassChanged m, bool created, CancellationToken ct) =>
        Roster.EndMentorshipIfMovedAsync(Db, student, m, created, ct);
}

/// <summary>A transfer moves the student to the new school; the old school's mentor no longer mentors them.</summary>
public sealed class StudentTransferredConsumer(StaffingDbContext db) : StudentTransferredCopyConsumer<StaffingDbContext, RosterStudent>(db)
{
    protected override Task OnChangingAsync(RosterStudent student, StudentTransferred m, bool created, CancellationToken ct) =>
        Roster.EndMentorshipIfMovedAsync(Db, student, m, created, ct);
}

/// <summary>A student who left has no mentor; the roster keeps them as left (counted nowhere).</summary>
public sealed class StudentLeftConsumer(StaffingDbContext db) : StudentLeftCopyConsumer<StaffingDbContext, RosterStudent>(db)
{
    protected override Task OnChangingAsync(RosterStudent student, StudentLeft m, bool created, CancellationToken ct) =>
        Db.Mentorships.Where(x => x.StudentId == m.StudentId).ExecuteDeleteAsync(ct);
}

internal static class Roster
{
    /// <summary>A change of school (or a return after leaving) ends the student's mentorship: it was the old school's.</summary>
    public static async Task EndMentorshipIfMovedAsync(StaffingDbContext db, RosterStudent student, IntegrationEvent m, bool created, CancellationToken ct)
    {
        if (!created && (student.SchoolId != m.RequiredSchoolId() || student.Left))
            await db.Mentorships.Where(x => x.StudentId == student.StudentId).ExecuteDeleteAsync(ct);
    }
}
