using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Consumers;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Records.Apis;

public sealed record HandOverRequest(Guid? ToSchoolId, Guid? ToClassId);
public sealed record ReceiptView(Guid Id, Guid HandOverId, Guid StudentId, Guid SchoolId, string Direction, Guid FromSchoolId, Guid ToSchoolId,
    string HandedOverBy, DateTimeOffset HandedOverAt);
public sealed record HandOverView(Guid HandOverId, Guid StudentId, Guid FromSchoolId, Guid ToSchoolId, Guid ClassId, int Grade,
    IReadOnlyList<ReceiptView> Receipts);

/// <summary>
/// Hand-over (移交) inside the bureau: the receiving school (its counsellor or admin) or the bureau admin moves the
/// whole file to the new school in one transaction. The file's rows follow the student id, and the student's current
/// school decides access everywhere, so from the commit on the old school's staff get 404. Each school gets a
/// receipt; StudentTransferred tells the other services.
/// </summary>
public static class HandOverApi
{
    public static RouteGroupBuilder MapHandOverApi(this RouteGroupBuilder api)
    {
        api.MapPost("/students/{studentId:guid}/hand-over", HandOverAsync).RequireRoles(RecordsRoles.HandOver)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("hand-over");
        api.MapGet("/schools/{schoolId:guid}/hand-over-receipts", ReceiptsAsync).RequireRoles(RecordsRoles.ReceiptReaders);
        return api;
    }

    private static ReceiptView View(HandOverReceipt r) =>
        new(r.Id, r.HandOverId, r.StudentId, r.SchoolId, r.Direction, r.FromSchoolId, r.ToSchoolId, r.HandedOverBy, r.HandedOverAt);

    private static async Task<Results<Ok<HandOverView>, NotFound>> HandOverAsync(Guid studentId, HandOverRequest request, HttpContext http,
        RecordsDbContext db, AuditTrail audit, TimeProvider clock)
    {
        var toSchoolId = RecordsApi.RequiredId(request.ToSchoolId, "toSchoolId");
        var toClassId = RecordsApi.RequiredId(request.ToClassId, "toClassId");
        var caller = http.Caller();
        // The receiving side acts: it must reach the new school; the student must be an active student of the same bureau.
        if (await db.ReachableSchoolAsync(http, toSchoolId) is not { } toSchool) return TypedResults.NotFound();
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        // Lock the student's row: two hand-overs of one student cannot interleave.
        var student = await db.Students.FromSql($"SELECT * FROM students WHERE id = {studentId} FOR UPDATE").SingleOrDefaultAsync(http.RequestAborted);
        if (student is null || student.BureauId != toSchool.BureauId || student.Status != StudentStatus.Active) return TypedResults.NotFound();
        if (student.SchoolId == toSchoolId) throw new RequestRejectedException("toSchoolId", "The student is already at this school.");
        var toClass = await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.ClassId == toClassId && c.SchoolId == toSchoolId && !c.Closed, http.RequestAborted)
            ?? throw new RequestRejectedException("toClassId", "No open class of the new school has this id.");

        var now = clock.GetUtcNow();
        var handOverId = Guid.CreateVersion7();
        var fromSchoolId = student.SchoolId;
        student.SchoolId = toSchoolId;
        student.ClassId = toClass.ClassId;
        student.Grade = toClass.Grade;
        // Appointments at the old school's counselling room lapse with the move.
        await db.Appointments.Where(a => a.StudentId == student.Id && a.SchoolId == fromSchoolId && AppointmentStatus.Holding.Contains(a.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AppointmentStatus.Cancelled).SetProperty(a => a.DecidedAt, now)
                .SetProperty(a => a.DecidedBy, "hand-over"), http.RequestAborted);
        var receipts = new[] { ("sent", fromSchoolId), ("received", toSchoolId) }.Select(r => new HandOverReceipt
        {
            Id = Guid.CreateVersion7(), HandOverId = handOverId, StudentId = student.Id, SchoolId = r.Item2, Direction = r.Item1,
            FromSchoolId = fromSchoolId, ToSchoolId = toSchoolId, HandedOverBy = caller.Subject, HandedOverAt = now,
        }).ToList();
        db.Receipts.AddRange(receipts);
        var transferred = new StudentTransferred
        {
            BureauId = student.BureauId, SchoolId = toSchoolId, FromSchoolId = fromSchoolId, StudentId = student.Id, ClassId = toClass.ClassId,
            Grade = toClass.Grade, OccurredAt = now,
        };
        db.Timeline.Add(TimelineConsumer<StudentTransferred>.Line(transferred.MessageId, student.Id, "student-transferred", Sections.HandOvers, toSchoolId, now,
            new { handOverId, fromSchoolId, toSchoolId }, now));
        audit.Record(db, new AuditRecord("hand-over", "student-file", handOverId.ToString(), student.Id, toSchoolId));
        db.Publish(transferred, RecordsApi.StudentKey(student.Id));
        await db.SaveAsync(http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.Ok(new HandOverView(handOverId, student.Id, fromSchoolId, toSchoolId, toClass.ClassId, toClass.Grade, receipts.Select(View).ToList()));
    }

    private static async Task<Results<Ok<List<ReceiptView>>, NotFound>> ReceiptsAsync(Guid schoolId, HttpContext http, RecordsDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.SchoolId == schoolId).OrderByDescending(r => r.HandedOverAt).Take(1000)
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(receipts.Select(View).ToList());
    }
}
