namespace XinYu.Client.Staff;

/// <summary>A counsellor's duty slot (Records' DutySlotView); <see cref="Booked"/> when an appointment holds it.</summary>
public sealed record DutySlot(Guid Id, Guid SchoolId, Guid CounsellorStaffId, DateOnly Date, TimeOnly StartsAt, TimeOnly EndsAt, bool Booked);

/// <summary>An appointment for a duty slot (Records' AppointmentView): requested, confirmed, cancelled, no-show or held.</summary>
public sealed record Appointment(Guid Id, Guid DutySlotId, Guid CounsellorStaffId, Guid StudentId, string RequestedFor, string Status,
    DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

public sealed record NewAppointment(Guid? DutySlotId, Guid? StudentId, string? RequestedFor = "student");

public sealed record NewCounsellingSession(Guid? CounsellorStaffId, string? Kind, DateOnly? HeldOn, int? DurationMinutes, IReadOnlyList<Guid>? StudentIds,
    string? Notes, string? FollowUp = null, DateOnly? FollowUpOn = null, Guid? AppointmentId = null);

/// <summary>A session recorded (Records' SessionView): never its notes.</summary>
public sealed record CounsellingSession(Guid Id, Guid CounsellorStaffId, string Kind, DateOnly HeldOn, int DurationMinutes, IReadOnlyList<Guid> StudentIds,
    string? FollowUp, DateOnly? FollowUpOn);
