using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Consumers;
using XinYu.Messaging.Directory;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Logging;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Records.Apis;

public sealed record DutySlotRequest(Guid? CounsellorStaffId, DateOnly? Date, TimeOnly? StartsAt, TimeOnly? EndsAt);
public sealed record DutySlotView(Guid Id, Guid SchoolId, Guid CounsellorStaffId, DateOnly Date, TimeOnly StartsAt, TimeOnly EndsAt, bool Booked);
public sealed record AppointmentRequest(Guid? DutySlotId, Guid? StudentId, string? RequestedFor);
public sealed record AppointmentView(Guid Id, Guid DutySlotId, Guid CounsellorStaffId, Guid StudentId, string RequestedFor, string Status,
    DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);
public sealed record SessionRequest(Guid? CounsellorStaffId, string? Kind, DateOnly? HeldOn, int? DurationMinutes, IReadOnlyList<Guid>? StudentIds,
    [property: SensitiveData] string? Notes, string? FollowUp, DateOnly? FollowUpOn, Guid? AppointmentId);
public sealed record SessionView(Guid Id, Guid CounsellorStaffId, string Kind, DateOnly HeldOn, int DurationMinutes, IReadOnlyList<Guid> StudentIds,
    string? FollowUp, DateOnly? FollowUpOn);

/// <summary>
/// The counselling room (心理辅导室): the duty roster (值班), appointments (预约) for duty slots, requested on a
/// student's behalf by a counsellor or head teacher and confirmed by a counsellor (one holding appointment per slot,
/// kept by a unique index, so concurrent requests give one booking and one 409), cancellations and no-shows, and
/// session records (辅导) with encrypted notes, each published as CounsellingSessionHeld.
/// </summary>
public static class CounsellingRoomApi
{
    public static readonly string[] RequestedFor = ["student", "teacher", "guardian"];
    public static readonly string[] SessionKinds = ["individual", "group"];
    public const int MaxGroupSize = 60;

    public static RouteGroupBuilder MapCounsellingRoomApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/duty-slots", AddSlotAsync).RequireRoles(RecordsRoles.SchoolFileKeepers);
        api.MapGet("/schools/{schoolId:guid}/duty-slots", SlotsAsync).RequireRoles(RecordsRoles.RoomReaders);
        api.MapPost("/schools/{schoolId:guid}/duty-slots/{slotId:guid}/cancel", CancelSlotAsync).RequireRoles(RecordsRoles.SchoolFileKeepers);
        api.MapPost("/schools/{schoolId:guid}/appointments", RequestAsync).RequireRoles(RecordsRoles.RoomRequesters)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("appointment");
        api.MapGet("/schools/{schoolId:guid}/appointments", AppointmentsAsync).RequireRoles(RecordsRoles.Counsellors)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("appointment");
        foreach (var (action, from, to) in new[]
        {
            ("confirm", AppointmentStatus.Requested, AppointmentStatus.Confirmed),
            ("cancel", "*", AppointmentStatus.Cancelled),
            ("no-show", AppointmentStatus.Confirmed, AppointmentStatus.NoShow),
        })
        {
            api.MapPost($"/schools/{{schoolId:guid}}/appointments/{{appointmentId:guid}}/{action}",
                    (Guid schoolId, Guid appointmentId, HttpContext http, RecordsDbContext db, AuditTrail audit, SchoolClock clock) =>
                        DecideAsync(schoolId, appointmentId, from, to, http, db, audit, clock))
                .RequireRoles(RecordsRoles.Counsellors).WithName($"appointment-{action}");
        }
        api.MapPost("/schools/{schoolId:guid}/sessions", RecordSessionAsync).RequireRoles(RecordsRoles.Counsellors)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("counselling-session");
        api.MapGet("/schools/{schoolId:guid}/sessions", SessionsAsync).RequireRoles(RecordsRoles.Counsellors);
        return api;
    }

    private static async Task<Results<Created<DutySlotView>, NotFound>> AddSlotAsync(Guid schoolId, DutySlotRequest request, HttpContext http,
        RecordsDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var staffId = RecordsApi.RequiredId(request.CounsellorStaffId, "counsellorStaffId");
        await db.RequireStaffAsync(staffId, "counsellorStaffId", s => s.BureauId == school.BureauId && s.SchoolId == school.SchoolId, http.RequestAborted,
            StaffInReach.PsychTeachers);
        var date = RequestValidation.Required(request.Date, "date", "Give the duty date.");
        var today = clock.Today();
        if (date < today.AddDays(-1) || date > today.AddYears(1)) throw new RequestRejectedException("date", "A duty date lies between today and a year ahead.");
        var starts = RequestValidation.Required(request.StartsAt, "startsAt", "Give the start time (08:00).");
        var ends = RequestValidation.Required(request.EndsAt, "endsAt", "Give the end time (08:45).");
        if (ends <= starts || (ends - starts) > TimeSpan.FromHours(4)) throw new RequestRejectedException("endsAt", "A slot ends after it starts and lasts at most 4 hours.");
        var slot = new DutySlot
        {
            Id = Guid.CreateVersion7(), SchoolId = school.SchoolId, BureauId = school.BureauId, CounsellorStaffId = staffId, Date = date, StartsAt = starts,
            EndsAt = ends, CreatedBy = http.Caller().Subject,
        };
        db.DutySlots.Add(slot);
        db.Publish(new DutySlotScheduled
        {
            BureauId = slot.BureauId, SchoolId = slot.SchoolId, SlotId = slot.Id, CounsellorStaffId = staffId, Date = date, StartsAt = starts, EndsAt = ends,
        }, EventKeys.School(slot.SchoolId));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Created($"/api/records/schools/{school.SchoolId}/duty-slots/{slot.Id}",
            new DutySlotView(slot.Id, slot.SchoolId, staffId, date, starts, ends, false));
    }

    /// <summary>
    /// Takes a slot off the rota (the counsellor is ill, the room is closed). A slot someone is booked into is refused
    /// (409 naming <c>slotId</c>): cancel or move the appointment first, so nobody turns up to an empty room unaware.
    /// Cancelling twice answers as the first time. Screening hears <see cref="DutySlotCancelled"/> and stops counting
    /// the slot when it tells a student in crisis when the counsellor will be in touch.
    /// </summary>
    private static async Task<Results<Ok<DutySlotView>, NotFound>> CancelSlotAsync(Guid schoolId, Guid slotId, HttpContext http,
        RecordsDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var slot = await db.DutySlots.SingleOrDefaultAsync(s => s.Id == slotId && s.SchoolId == schoolId, http.RequestAborted);
        if (slot is null) return TypedResults.NotFound();
        var view = new DutySlotView(slot.Id, slot.SchoolId, slot.CounsellorStaffId, slot.Date, slot.StartsAt, slot.EndsAt, false);
        if (slot.CancelledAt is not null) return TypedResults.Ok(view);
        if (await db.Appointments.AnyAsync(a => a.DutySlotId == slot.Id
                && (a.Status == AppointmentStatus.Requested || a.Status == AppointmentStatus.Confirmed), http.RequestAborted))
            throw new RequestRejectedException("slotId", "Someone is booked into this slot: cancel or move the appointment first.",
                StatusCodes.Status409Conflict);
        slot.CancelledAt = clock.GetUtcNow();
        slot.CancelledBy = http.Caller().Subject;
        db.Publish(new DutySlotCancelled { BureauId = slot.BureauId, SchoolId = slot.SchoolId, SlotId = slot.Id }, EventKeys.School(slot.SchoolId));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<List<DutySlotView>>, NotFound>> SlotsAsync(Guid schoolId, HttpContext http, RecordsDbContext db, SchoolClock clock,
        DateOnly? from = null, DateOnly? to = null)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var start = from ?? clock.Today();
        var end = to ?? start.AddDays(14);
        if (end < start || end.DayNumber - start.DayNumber > 366) throw new RequestRejectedException("to", "At most a year after 'from'.");
        var slots = await db.DutySlots.AsNoTracking().Where(s => s.SchoolId == schoolId && s.CancelledAt == null && s.Date >= start && s.Date <= end)
            .OrderBy(s => s.Date).ThenBy(s => s.StartsAt)
            .Select(s => new DutySlotView(s.Id, s.SchoolId, s.CounsellorStaffId, s.Date, s.StartsAt, s.EndsAt,
                db.Appointments.Any(a => a.DutySlotId == s.Id && (a.Status == AppointmentStatus.Requested || a.Status == AppointmentStatus.Confirmed))))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(slots);
    }

    private static AppointmentView View(Appointment a) =>
        new(a.Id, a.DutySlotId, a.CounsellorStaffId, a.StudentId, a.RequestedFor, a.Status, a.RequestedAt, a.DecidedAt);

    private static async Task<Results<Created<AppointmentView>, NotFound>> RequestAsync(Guid schoolId, AppointmentRequest request, HttpContext http,
        RecordsDbContext db, AuditTrail audit, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var slotId = RecordsApi.RequiredId(request.DutySlotId, "dutySlotId");
        var studentId = RecordsApi.RequiredId(request.StudentId, "studentId");
        var requestedFor = RecordsApi.OneOf(request.RequestedFor ?? "student", "requestedFor", RequestedFor);
        var slot = await db.DutySlots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == slotId && s.SchoolId == schoolId && s.CancelledAt == null, http.RequestAborted)
            ?? throw new RequestRejectedException("dutySlotId", "No duty slot of this school has this id.");
        var now = clock.GetUtcNow();
        if (slot.Date < clock.DateOf(now)) throw new RequestRejectedException("dutySlotId", "The slot is in the past.");
        // The student must be one the caller reaches (a head teacher: their class) and at this school.
        var student = await db.ReachableStudentAsync(http, studentId);
        if (student is null || student.SchoolId != schoolId || student.Status != StudentStatus.Active)
            throw new RequestRejectedException("studentId", "No student of this school that you look after has this id.");
        var appointment = new Appointment
        {
            Id = Guid.CreateVersion7(), SchoolId = schoolId, DutySlotId = slot.Id, CounsellorStaffId = slot.CounsellorStaffId, StudentId = student.Id,
            RequestedFor = requestedFor, Status = AppointmentStatus.Requested, RequestedBy = http.Caller().Subject, RequestedAt = now,
        };
        db.Appointments.Add(appointment);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "appointment", appointment.Id.ToString(), student.Id, schoolId));
        await db.SaveAsync(http.RequestAborted); // a concurrent booking of the slot loses on ix_appointments_one_per_slot: 409
        return TypedResults.Created($"/api/records/schools/{schoolId}/appointments/{appointment.Id}", View(appointment));
    }

    private static async Task<Results<Ok<List<AppointmentView>>, NotFound>> AppointmentsAsync(Guid schoolId, HttpContext http, RecordsDbContext db,
        string? status = null)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        if (status is not null && !new[] { AppointmentStatus.Requested, AppointmentStatus.Confirmed, AppointmentStatus.Cancelled, AppointmentStatus.NoShow, AppointmentStatus.Held }.Contains(status))
            throw new RequestRejectedException("status", "requested, confirmed, cancelled, no-show or held.");
        var query = db.Appointments.AsNoTracking().Where(a => a.SchoolId == schoolId);
        if (status is not null) query = query.Where(a => a.Status == status);
        var list = await query.OrderByDescending(a => a.RequestedAt).Take(1000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list.Select(View).ToList());
    }

    private static async Task<Results<Ok<AppointmentView>, NotFound>> DecideAsync(Guid schoolId, Guid appointmentId, string from, string to,
        HttpContext http, RecordsDbContext db, AuditTrail audit, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId && a.SchoolId == schoolId, http.RequestAborted);
        if (appointment is null) return TypedResults.NotFound();
        var allowed = from == "*" ? AppointmentStatus.Holding.Contains(appointment.Status) : appointment.Status == from;
        if (!allowed) throw new RequestRejectedException("status", $"The appointment is {appointment.Status}; it cannot become {to}.", StatusCodes.Status409Conflict);
        appointment.Status = to;
        appointment.DecidedBy = http.Caller().Subject;
        appointment.DecidedAt = clock.GetUtcNow();
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "appointment", $"{appointment.Id}:{to}", appointment.StudentId, schoolId));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Ok(View(appointment));
    }

    private static async Task<Results<Created<SessionView>, NotFound>> RecordSessionAsync(Guid schoolId, SessionRequest request, HttpContext http,
        RecordsDbContext db, AuditTrail audit, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var staffId = RecordsApi.RequiredId(request.CounsellorStaffId, "counsellorStaffId");
        await db.RequireStaffAsync(staffId, "counsellorStaffId", s => s.BureauId == school.BureauId && s.SchoolId == school.SchoolId, http.RequestAborted,
            StaffInReach.PsychTeachers);
        var kind = RecordsApi.OneOf(request.Kind, "kind", SessionKinds);
        var now = clock.GetUtcNow();
        var today = clock.DateOf(now);
        var heldOn = RequestValidation.Required(request.HeldOn, "heldOn", "Give the date the session was held.");
        if (heldOn > today || heldOn < today.AddYears(-1)) throw new RequestRejectedException("heldOn", "A session is recorded within a year of being held, not before.");
        var minutes = RequestValidation.Required(request.DurationMinutes, "durationMinutes", "Give the duration in minutes.");
        if (minutes is < 5 or > 480) throw new RequestRejectedException("durationMinutes", "Between 5 and 480 minutes.");
        var studentIds = (request.StudentIds ?? []).Distinct().ToList();
        if (studentIds.Count == 0) throw new RequestRejectedException("studentIds", "Name the student (or students, for a group).");
        if (kind == "individual" && studentIds.Count != 1) throw new RequestRejectedException("studentIds", "An individual session has one student.");
        if (studentIds.Count > MaxGroupSize) throw new RequestRejectedException("studentIds", $"At most {MaxGroupSize} students.");
        var students = await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id) && s.SchoolId == schoolId && s.Status == StudentStatus.Active)
            .Select(s => s.Id).ToListAsync(http.RequestAborted);
        var unknown = studentIds.FindIndex(id => !students.Contains(id));
        if (unknown >= 0) throw new RequestRejectedException($"studentIds[{unknown}]", "No student of this school has this id.");
        var notes = RequestValidation.MultiLine(request.Notes, "notes", 20_000, "Write the session's notes.");
        var followUp = RequestValidation.OptionalMultiLine(request.FollowUp, "followUp", 2000);
        if (request.FollowUpOn is { } followUpOn && (followUpOn < heldOn || followUpOn > heldOn.AddYears(1)))
            throw new RequestRejectedException("followUpOn", "A follow-up date lies within a year after the session.");
        Appointment? appointment = null;
        if (request.AppointmentId is { } appointmentId)
        {
            appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId && a.SchoolId == schoolId, http.RequestAborted);
            if (appointment is null || appointment.Status != AppointmentStatus.Confirmed || !studentIds.Contains(appointment.StudentId))
                throw new RequestRejectedException("appointmentId", "No confirmed appointment of these students has this id.");
            appointment.Status = AppointmentStatus.Held;
            appointment.DecidedAt = now;
        }
        var session = new CounsellingSession
        {
            Id = Guid.CreateVersion7(), SchoolId = schoolId, BureauId = school.BureauId, CounsellorStaffId = staffId, Kind = kind, HeldOn = heldOn,
            DurationMinutes = minutes, StudentIds = studentIds, Notes = notes, FollowUp = followUp, FollowUpOn = request.FollowUpOn,
            AppointmentId = appointment?.Id, RecordedBy = http.Caller().Subject, RecordedAt = now,
        };
        db.Sessions.Add(session);
        var held = new CounsellingSessionHeld
        {
            BureauId = school.BureauId, SchoolId = schoolId, SessionId = session.Id, CounsellorStaffId = staffId, Kind = kind, HeldOn = heldOn,
            DurationMinutes = minutes, StudentIds = studentIds,
        };
        // The session's own line in each student's timeline, written with it (same transaction) and keyed by the event's id.
        foreach (var id in studentIds)
        {
            db.Timeline.Add(TimelineConsumer<CounsellingSessionHeld>.Line(held.MessageId, id, "counselling-session-held", Sections.Counselling, schoolId,
                new DateTimeOffset(heldOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new { sessionId = session.Id, kind, durationMinutes = minutes, counsellorStaffId = staffId }, now));
            audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "counselling-session", session.Id.ToString(), id, schoolId));
        }
        db.Publish(held, EventKeys.School(schoolId));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Created($"/api/records/schools/{schoolId}/sessions/{session.Id}",
            new SessionView(session.Id, staffId, kind, heldOn, minutes, studentIds, followUp, request.FollowUpOn));
    }

    /// <summary>The school's sessions without notes (workload and follow-ups): notes are read per student with a purpose.</summary>
    private static async Task<Results<Ok<List<SessionView>>, NotFound>> SessionsAsync(Guid schoolId, HttpContext http, RecordsDbContext db, SchoolClock clock,
        DateOnly? from = null, DateOnly? to = null)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var end = to ?? clock.Today();
        var start = from ?? end.AddDays(-30);
        if (end < start || end.DayNumber - start.DayNumber > 366) throw new RequestRejectedException("from", "At most a year before 'to'.");
        var list = await db.Sessions.AsNoTracking().Where(s => s.SchoolId == schoolId && s.ImportedFrom == null && s.HeldOn >= start && s.HeldOn <= end)
            .OrderByDescending(s => s.HeldOn)
            .Select(s => new SessionView(s.Id, s.CounsellorStaffId, s.Kind, s.HeldOn, s.DurationMinutes, s.StudentIds, s.FollowUp, s.FollowUpOn))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(list);
    }
}
