using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Calendar.Data;
using XinYu.Calendar.Domain;
using XinYu.Contracts;
using XinYu.Messaging.Directory;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Auth;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Calendar.Apis;

/// <summary>An event to plan or change. No <see cref="SchoolId"/>: a bureau-wide event (bureau admin only).</summary>
public sealed record EventRequest(Guid? SchoolId, string? Kind, string? Title, DateTimeOffset? StartsAt, int? DurationMinutes, string? Place, Guid? ClassId);
public sealed record PresentersRequest(List<Guid>? StaffIds);
public sealed record RegistrationRequest(Guid? StaffId);
public sealed record HeldRequest(DateOnly? HeldOn, int? DurationMinutes, List<Guid>? PresenterStaffIds, int? Attendance);

public sealed record HeldView(DateOnly HeldOn, int DurationMinutes, List<Guid> PresenterStaffIds, int Attendance);
public sealed record EventView(
    Guid Id, Guid BureauId, Guid? SchoolId, string Kind, string Title, DateTimeOffset StartsAt, int DurationMinutes, string? Place, Guid? ClassId,
    List<Guid> PresenterStaffIds, List<Guid> RegisteredStaffIds, int Sequence, DateTimeOffset UpdatedAt, HeldView? Held, DateTimeOffset? CancelledAt)
{
    public static EventView Of(CalendarEvent e) => new(e.Id, e.BureauId, e.SchoolId, e.Kind, e.Title, e.StartsAt, e.DurationMinutes, e.Place, e.ClassId,
        e.PresenterStaffIds, e.RegisteredStaffIds, e.Sequence, e.UpdatedAt,
        e.HeldOn is { } on ? new HeldView(on, e.HeldDurationMinutes ?? 0, e.HeldPresenterStaffIds ?? [], e.Attendance ?? 0) : null, e.CancelledAt);
}
public sealed record RequiredItemView(string Kind, string Title, DateOnly From, DateOnly To, DateOnly? ActivityOn, int? Term, bool Held, List<Guid> HeldEventIds);

/// <summary>Bureau-wide and school events: planned, assigned, registered for, recorded as held; and each school's required events.</summary>
public static class EventsApi
{
    public const int MinDuration = 5, MaxDuration = 720, MaxPeople = 20, MaxRegistrations = 2000, MaxAttendance = 10000;

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/events", PlanAsync).RequireRoles(CalendarRoles.EventManagers);
        api.MapGet("/events", ListAsync).RequireRoles(CalendarRoles.Readers);
        api.MapGet("/events/{eventId:guid}", GetAsync).RequireRoles(CalendarRoles.Readers);
        api.MapPut("/events/{eventId:guid}", UpdateAsync).RequireRoles(CalendarRoles.EventManagers);
        api.MapDelete("/events/{eventId:guid}", CancelAsync).RequireRoles(CalendarRoles.EventManagers);
        api.MapPut("/events/{eventId:guid}/presenters", AssignAsync).RequireRoles(CalendarRoles.EventManagers);
        api.MapPost("/events/{eventId:guid}/registrations", RegisterAsync).RequireRoles(CalendarRoles.Readers);
        api.MapPost("/events/{eventId:guid}/held", RecordHeldAsync).RequireRoles(CalendarRoles.EventManagers);
        api.MapGet("/schools/{schoolId:guid}/required", RequiredAsync).RequireRoles(CalendarRoles.Readers);
        return api;
    }

    /// <summary>Bureau staff see their bureau's events; a school's staff their school's and the bureau-wide ones.</summary>
    internal static bool CanSee(CallerScope caller, CalendarEvent e) =>
        caller.BureauId == e.BureauId && (caller.IsBureauStaff || e.SchoolId is null || e.SchoolId == caller.SchoolId);

    /// <summary>The bureau admin manages every event of the bureau; a school's admin and counsellor their school's.</summary>
    internal static bool CanManage(CallerScope caller, CalendarEvent e) =>
        caller.BureauId == e.BureauId
        && (caller.IsInRole(XinYuRoles.BureauAdmin)
            || (e.SchoolId is not null && e.SchoolId == caller.SchoolId && (caller.IsInRole(XinYuRoles.SchoolAdmin) || caller.IsInRole(XinYuRoles.Counsellor))));

    private static async Task<CalendarEvent?> VisibleAsync(CalendarDbContext db, HttpContext http, Guid eventId)
    {
        var e = await db.Events.FindAsync([eventId], http.RequestAborted);
        return e is not null && CanSee(CallerScope.From(http.User), e) ? e : null;
    }

    /// <summary>The event, if the caller may change it; one they may only read is a 403, one they cannot see is missing.</summary>
    private static async Task<CalendarEvent?> ManageableAsync(CalendarDbContext db, HttpContext http, Guid eventId)
    {
        if (await VisibleAsync(db, http, eventId) is not { } e) return null;
        return CanManage(CallerScope.From(http.User), e) ? e
            : throw new RequestRejectedException("eventId", "The bureau's own events are managed by the bureau admin.", StatusCodes.Status403Forbidden);
    }

    private sealed record ValidEvent(Guid? SchoolId, string Kind, string Title, DateTimeOffset StartsAt, int DurationMinutes, string? Place, Guid? ClassId);

    private static async Task<ValidEvent> ValidateAsync(EventRequest request, CallerScope caller, CalendarDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var bureau = CalendarApi.BureauOf(caller);
        Guid? school = request.SchoolId is null ? null : CalendarApi.Id(request.SchoolId, "schoolId");
        if (school is null && !caller.IsInRole(XinYuRoles.BureauAdmin))
            throw new RequestRejectedException("schoolId", "A school's staff plan their own school's events: give its schoolId.");
        if (school is { } s)
        {
            // Another bureau's (or, for school staff, another school's) school is answered like an unknown one.
            if (!caller.CanReachSchool(bureau, s) || !await db.KnownSchools.AnyAsync(k => k.SchoolId == s && k.BureauId == bureau, ct))
                throw new RequestRejectedException("schoolId", "No such school in your reach.");
        }
        var kind = request.Kind is { } k && EventKinds.Names.Contains(k) ? k
            : throw new RequestRejectedException("kind", $"One of: {string.Join(", ", EventKinds.Names)}.");
        var title = RequestValidation.SingleLine(request.Title, "title", 100);
        var startsAt = RequestValidation.Required(request.StartsAt, "startsAt", "Give the start (date and time with offset).");
        var now = clock.GetUtcNow();
        if (startsAt < now.AddYears(-1) || startsAt > now.AddYears(2))
            throw new RequestRejectedException("startsAt", "Within a year back and two years ahead.");
        var duration = request.DurationMinutes is >= MinDuration and <= MaxDuration ? request.DurationMinutes.Value
            : throw new RequestRejectedException("durationMinutes", $"From {MinDuration} to {MaxDuration} minutes.");
        var place = RequestValidation.OptionalSingleLine(request.Place, "place", 100);
        Guid? classId = null;
        if (request.ClassId is not null)
        {
            if (school is null) throw new RequestRejectedException("classId", "A class's event belongs to a school: give the schoolId.");
            classId = CalendarApi.Id(request.ClassId, "classId");
        }
        return new ValidEvent(school, kind, title, startsAt, duration, place, classId);
    }

    private static List<Guid> StaffIds(List<Guid>? ids, string field, int min)
    {
        var list = ids ?? throw new RequestRejectedException(field, "Give the staff ids.");
        if (list.Count < min || list.Count > MaxPeople) throw new RequestRejectedException(field, $"From {min} to {MaxPeople} staff ids.");
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == Guid.Empty) throw new RequestRejectedException($"{field}[{i}]", "Not a staff id.");
            if (list.IndexOf(list[i]) != i) throw new RequestRejectedException($"{field}[{i}]", "Listed twice.");
        }
        return [.. list];
    }

    /// <summary>
    /// Who may present at (and so earn workload from) an event: staff of its school, or for a bureau-wide event any
    /// staff of the bureau. Another school's staff member is answered like an unknown one.
    /// </summary>
    private static bool OfEvent(CalendarEvent e, KnownStaffMember staff) =>
        staff.BureauId == e.BureauId && (e.SchoolId is null || staff.SchoolId == e.SchoolId);

    private static async Task<Created<EventView>> PlanAsync(EventRequest request, HttpContext http, CalendarDbContext db, TimeProvider clock)
    {
        var caller = CallerScope.From(http.User);
        var valid = await ValidateAsync(request, caller, db, clock, http.RequestAborted);
        var now = clock.GetUtcNow();
        var e = new CalendarEvent
        {
            Id = Guid.CreateVersion7(), BureauId = caller.BureauId!.Value, SchoolId = valid.SchoolId, Kind = valid.Kind, Title = valid.Title,
            StartsAt = valid.StartsAt.ToUniversalTime(), DurationMinutes = valid.DurationMinutes, Place = valid.Place, ClassId = valid.ClassId,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Events.Add(e);
        await SaveEventAsync(db, http.RequestAborted);
        return TypedResults.Created($"/api/calendar/events/{e.Id}", EventView.Of(e));
    }

    private static async Task<Ok<List<EventView>>> ListAsync(Guid? schoolId, DateOnly? from, DateOnly? to, HttpContext http, CalendarDbContext db)
    {
        var caller = CallerScope.From(http.User);
        var bureau = CalendarApi.BureauOf(caller);
        var query = db.Events.AsNoTracking().Where(e => e.BureauId == bureau);
        if (!caller.IsBureauStaff) query = query.Where(e => e.SchoolId == null || e.SchoolId == caller.SchoolId);
        if (schoolId is { } s) query = query.Where(e => e.SchoolId == s);
        if (from is { Year: < SchoolYearsApi.MinYear or > SchoolYearsApi.MaxYear }) throw new RequestRejectedException("from", "A date from 2000 to 2100.");
        if (to is { Year: < SchoolYearsApi.MinYear or > SchoolYearsApi.MaxYear }) throw new RequestRejectedException("to", "A date from 2000 to 2100.");
        if (from is { } f) query = query.Where(e => e.StartsAt >= new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
        if (to is { } t) query = query.Where(e => e.StartsAt < new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
        var events = await query.OrderBy(e => e.StartsAt).Take(1000).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(events.Select(EventView.Of).ToList());
    }

    private static async Task<Results<Ok<EventView>, NotFound>> GetAsync(Guid eventId, HttpContext http, CalendarDbContext db) =>
        await VisibleAsync(db, http, eventId) is { } e ? TypedResults.Ok(EventView.Of(e)) : TypedResults.NotFound();

    private static async Task<Results<Ok<EventView>, NotFound>> UpdateAsync(Guid eventId, EventRequest request, HttpContext http, CalendarDbContext db, TimeProvider clock)
    {
        if (await ManageableAsync(db, http, eventId) is not { } e) return TypedResults.NotFound();
        var valid = await ValidateAsync(request, CallerScope.From(http.User), db, clock, http.RequestAborted);
        if (valid.SchoolId != e.SchoolId) throw new RequestRejectedException("schoolId", "An event stays with its school (or the bureau).");
        if (e.IsHeld) throw new RequestRejectedException("eventId", "The event was recorded as held; it no longer changes.", StatusCodes.Status409Conflict);
        NotCancelled(e);
        var startsAt = valid.StartsAt.ToUniversalTime();
        if (startsAt != e.StartsAt) e.ReminderSentAt = null; // moved: remind again before the new time
        (e.Kind, e.Title, e.StartsAt, e.DurationMinutes, e.Place, e.ClassId) = (valid.Kind, valid.Title, startsAt, valid.DurationMinutes, valid.Place, valid.ClassId);
        Touch(e, clock);
        await SaveEventAsync(db, http.RequestAborted);
        return TypedResults.Ok(EventView.Of(e));
    }

    /// <summary>
    /// Saves an event's change. The row version (xmin) refuses a change made from a stale copy (someone else, or the
    /// reminder sweep, changed the event meanwhile): that is a 409 to retry, never a lost update or a 500.
    /// </summary>
    private static async Task SaveEventAsync(CalendarDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestRejectedException("eventId", "The event was changed at the same time; reload it and try again.", StatusCodes.Status409Conflict);
        }
    }

    private static void NotCancelled(CalendarEvent e)
    {
        if (e.CancelledAt is not null) throw new RequestRejectedException("eventId", "The event was cancelled.", StatusCodes.Status409Conflict);
    }

    /// <summary>Calls an event off (not one already held): it stays listed, and feeds show it as cancelled. Idempotent.</summary>
    private static async Task<Results<Ok<EventView>, NotFound>> CancelAsync(Guid eventId, HttpContext http, CalendarDbContext db, TimeProvider clock)
    {
        if (await ManageableAsync(db, http, eventId) is not { } e) return TypedResults.NotFound();
        if (e.IsHeld) throw new RequestRejectedException("eventId", "The event was recorded as held; it cannot be cancelled.", StatusCodes.Status409Conflict);
        if (e.CancelledAt is null)
        {
            e.CancelledAt = clock.GetUtcNow();
            Touch(e, clock);
            await SaveEventAsync(db, http.RequestAborted);
        }
        return TypedResults.Ok(EventView.Of(e));
    }

    private static void Touch(CalendarEvent e, TimeProvider clock)
    {
        e.Sequence++;
        e.UpdatedAt = clock.GetUtcNow();
    }

    private static async Task<Results<Ok<EventView>, NotFound>> AssignAsync(Guid eventId, PresentersRequest request, HttpContext http, CalendarDbContext db, TimeProvider clock)
    {
        if (await ManageableAsync(db, http, eventId) is not { } e) return TypedResults.NotFound();
        var ids = StaffIds(request.StaffIds, "staffIds", 0);
        await db.RequireStaffAsync(ids, "staffIds", staff => OfEvent(e, staff), http.RequestAborted);
        if (e.IsHeld) throw new RequestRejectedException("eventId", "The event was recorded as held; it no longer changes.", StatusCodes.Status409Conflict);
        NotCancelled(e);
        e.PresenterStaffIds = ids;
        Touch(e, clock);
        await SaveEventAsync(db, http.RequestAborted);
        return TypedResults.Ok(EventView.Of(e));
    }

    private static async Task<Results<Ok<EventView>, NotFound>> RegisterAsync(Guid eventId, RegistrationRequest request, HttpContext http, CalendarDbContext db, TimeProvider clock)
    {
        if (await VisibleAsync(db, http, eventId) is not { } e) return TypedResults.NotFound();
        var staff = CalendarApi.Id(request.StaffId, "staffId");
        // A school's staff register themselves or colleagues of their school, never another school's staff.
        var caller = CallerScope.From(http.User);
        await db.RequireStaffAsync(staff, "staffId", s => OfEvent(e, s) && caller.CanReachStaff(s.BureauId, s.SchoolId), http.RequestAborted);
        if (e.IsHeld) throw new RequestRejectedException("eventId", "The event was already held.", StatusCodes.Status409Conflict);
        NotCancelled(e);
        if (!e.RegisteredStaffIds.Contains(staff))
        {
            if (e.RegisteredStaffIds.Count >= MaxRegistrations) throw new RequestRejectedException("staffId", "The event is full.", StatusCodes.Status409Conflict);
            e.RegisteredStaffIds = [.. e.RegisteredStaffIds, staff];
            Touch(e, clock);
            await SaveEventAsync(db, http.RequestAborted);
        }
        return TypedResults.Ok(EventView.Of(e));
    }

    /// <summary>
    /// Records the event as held and publishes ActivityHeld, once: the same record again changes and publishes nothing
    /// (200); a different record of an event already held is a 409.
    /// </summary>
    private static async Task<Results<Ok<EventView>, NotFound>> RecordHeldAsync(Guid eventId, HeldRequest request, HttpContext http, CalendarDbContext db, TimeProvider clock,
        SchoolClock school)
    {
        if (await ManageableAsync(db, http, eventId) is not { } e) return TypedResults.NotFound();
        var heldOn = RequestValidation.Required(request.HeldOn, "heldOn", "Give the day it was held.");
        var today = school.Today();
        if (heldOn > today || heldOn < today.AddYears(-1)) throw new RequestRejectedException("heldOn", "A day of the past year, not in the future.");
        var duration = request.DurationMinutes is >= MinDuration and <= MaxDuration ? request.DurationMinutes.Value
            : throw new RequestRejectedException("durationMinutes", $"From {MinDuration} to {MaxDuration} minutes.");
        var presenters = StaffIds(request.PresenterStaffIds, "presenterStaffIds", 1);
        await db.RequireStaffAsync(presenters, "presenterStaffIds", staff => OfEvent(e, staff), http.RequestAborted);
        var attendance = request.Attendance is >= 0 and <= MaxAttendance ? request.Attendance.Value
            : throw new RequestRejectedException("attendance", $"From 0 to {MaxAttendance}.");
        if (e.IsHeld)
        {
            var same = e.HeldOn == heldOn && e.HeldDurationMinutes == duration && e.Attendance == attendance
                && (e.HeldPresenterStaffIds ?? []).Order().SequenceEqual(presenters.Order());
            return same ? TypedResults.Ok(EventView.Of(e))
                : throw new RequestRejectedException("eventId", "The event was already recorded as held, differently.", StatusCodes.Status409Conflict);
        }
        NotCancelled(e);
        (e.HeldOn, e.HeldDurationMinutes, e.HeldPresenterStaffIds, e.Attendance) = (heldOn, duration, presenters, attendance);
        Touch(e, clock);
        db.Publish(new ActivityHeld
        {
            BureauId = e.BureauId, SchoolId = e.SchoolId, ActivityId = e.Id, Kind = e.Kind, HeldOn = heldOn, DurationMinutes = duration,
            PresenterStaffIds = presenters, ClassId = e.ClassId, Attendance = attendance,
        }, $"activity:{e.Id}");
        await SaveEventAsync(db, http.RequestAborted);
        return TypedResults.Ok(EventView.Of(e));
    }

    /// <summary>For a school and school year: each required item of the derived calendar, and whether a fitting event was held.</summary>
    private static async Task<Results<Ok<List<RequiredItemView>>, NotFound>> RequiredAsync(
        Guid schoolId, int? schoolYear, HttpContext http, CalendarDbContext db, IOptions<CalendarRulesOptions> rules)
    {
        var caller = CallerScope.From(http.User);
        var school = await db.KnownSchools.AsNoTracking().SingleOrDefaultAsync(s => s.SchoolId == schoolId, http.RequestAborted);
        if (school is null || !caller.CanReachSchool(school.BureauId, school.SchoolId)) return TypedResults.NotFound();
        var year = SchoolYearsApi.Year(schoolYear, "schoolYear");
        if (await db.DeriveAsync(school.BureauId, year, rules.Value, http.RequestAborted) is not { } items) return TypedResults.NotFound();
        var held = await db.Events.AsNoTracking()
            .Where(e => e.SchoolId == schoolId && e.HeldOn != null && e.HeldOn >= new DateOnly(year, 7, 1) && e.HeldOn <= new DateOnly(year + 1, 8, 31))
            .Select(e => new { e.Id, e.Kind, HeldOn = e.HeldOn!.Value }).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(items.Where(i => i.Required).Select(i =>
        {
            var ids = held.Where(h => CalendarRules.Satisfies(i, h.Kind, h.HeldOn)).Select(h => h.Id).ToList();
            return new RequiredItemView(i.Kind, i.Title, i.From, i.To, i.ActivityOn, i.Term, ids.Count > 0, ids);
        }).ToList());
    }
}
