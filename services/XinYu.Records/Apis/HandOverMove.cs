using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Consumers;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Records.Apis;

public sealed record HandOverView(Guid HandOverId, Guid StudentId, Guid FromSchoolId, Guid ToSchoolId, Guid ClassId, int Grade,
    IReadOnlyList<ReceiptView> Receipts);

/// <summary>
/// The move itself, once both sides have acted: the file's rows follow the student id, and the student's current
/// school decides access everywhere, so from the commit on the old school's staff get 404. Each school gets a receipt
/// naming who proposed and who accepted; StudentTransferred tells the other services.
/// </summary>
internal static class HandOverMove
{
    /// <summary>Runs inside the caller's transaction, which holds the proposal's row lock.</summary>
    public static async Task<HandOverView> CompleteAsync(RecordsDbContext db, AuditTrail audit, TimeProvider clock, HandOverProposal proposal,
        string acceptedBy, CancellationToken ct)
    {
        // Lock the student's row: a second hand-over or a leave cannot interleave.
        var student = await db.Students.FromSql($"SELECT * FROM students WHERE id = {proposal.StudentId} FOR UPDATE").SingleAsync(ct);
        if (student.Status != StudentStatus.Active || student.SchoolId != proposal.FromSchoolId)
        {
            throw new RequestRejectedException("proposalId", "The student has left the school since the hand-over was proposed.");
        }
        var toClass = await db.Classes.AsNoTracking().SingleAsync(c => c.ClassId == proposal.ToClassId, ct);

        var now = clock.GetUtcNow();
        var handOverId = Guid.CreateVersion7();
        student.SchoolId = proposal.ToSchoolId;
        student.ClassId = toClass.ClassId;
        student.Grade = toClass.Grade;
        // Appointments at the old school's counselling room lapse with the move.
        await db.Appointments.Where(a => a.StudentId == student.Id && a.SchoolId == proposal.FromSchoolId && AppointmentStatus.Holding.Contains(a.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AppointmentStatus.Cancelled).SetProperty(a => a.DecidedAt, now)
                .SetProperty(a => a.DecidedBy, "hand-over"), ct);
        var receipts = new[] { ("sent", proposal.FromSchoolId), ("received", proposal.ToSchoolId) }.Select(r => new HandOverReceipt
        {
            Id = Guid.CreateVersion7(), HandOverId = handOverId, StudentId = student.Id, SchoolId = r.Item2, Direction = r.Item1,
            FromSchoolId = proposal.FromSchoolId, ToSchoolId = proposal.ToSchoolId, HandedOverBy = proposal.ProposedBy, ApprovedBy = acceptedBy,
            HandedOverAt = now,
        }).ToList();
        db.Receipts.AddRange(receipts);
        proposal.Status = HandOverStatus.Completed;
        proposal.DecidedBy = acceptedBy;
        proposal.DecidedAt = now;
        proposal.HandOverId = handOverId;

        var transferred = new StudentTransferred
        {
            BureauId = student.BureauId, SchoolId = proposal.ToSchoolId, FromSchoolId = proposal.FromSchoolId, StudentId = student.Id,
            ClassId = toClass.ClassId, Grade = toClass.Grade, OccurredAt = now,
        };
        db.Timeline.Add(TimelineConsumer<StudentTransferred>.Line(transferred.MessageId, student.Id, "student-transferred", Sections.HandOvers,
            proposal.ToSchoolId, now, new { handOverId, fromSchoolId = proposal.FromSchoolId, toSchoolId = proposal.ToSchoolId }, now));
        // Both schools' acts are on the record: the proposal was audited when made, the acceptance (the move) here,
        // once for each school.
        audit.Record(db, new AuditRecord("hand-over", "student-file", handOverId.ToString(), student.Id, proposal.FromSchoolId));
        audit.Record(db, new AuditRecord("hand-over", "student-file", handOverId.ToString(), student.Id, proposal.ToSchoolId));
        db.Publish(transferred, EventKeys.Student(student.Id));
        await db.SaveAsync(ct);
        return new HandOverView(handOverId, student.Id, proposal.FromSchoolId, proposal.ToSchoolId, toClass.ClassId, toClass.Grade,
            receipts.Select(HandOverApi.View).ToList());
    }
}
