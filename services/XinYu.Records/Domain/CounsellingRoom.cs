namespace XinYu.Records.Domain;

/// <summary>A counsellor on duty (值班) in the school's counselling room for one time slot.</summary>
public sealed class DutySlot
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid BureauId { get; set; }
    /// <summary>The counsellor's directory (staff) id.</summary>
    public Guid CounsellorStaffId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartsAt { get; set; }
    public TimeOnly EndsAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>Taken off the rota: kept (appointments and sessions name it), no longer listed or bookable.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
}

public static class AppointmentStatus
{
    public const string Requested = "requested";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
    public const string NoShow = "no-show";
    public const string Held = "held";
    /// <summary>Statuses that hold the slot: the database allows one such appointment per slot.</summary>
    public static readonly IReadOnlyList<string> Holding = [Requested, Confirmed];
}

/// <summary>An appointment (预约) for a duty slot, requested on a student's behalf and confirmed by a counsellor.</summary>
public sealed class Appointment
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid DutySlotId { get; set; }
    public Guid CounsellorStaffId { get; set; }
    public Guid StudentId { get; set; }
    /// <summary>student | teacher | guardian: on whose initiative.</summary>
    public string RequestedFor { get; set; } = "";
    public string Status { get; set; } = AppointmentStatus.Requested;
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>A counselling session held (辅导), individual or group, with encrypted notes.</summary>
public sealed class CounsellingSession
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid BureauId { get; set; }
    public Guid CounsellorStaffId { get; set; }
    /// <summary>individual | group</summary>
    public string Kind { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public int DurationMinutes { get; set; }
    public List<Guid> StudentIds { get; set; } = [];
    /// <summary>Encrypted at rest; read only by counsellors with a stated purpose.</summary>
    public string Notes { get; set; } = "";
    public string? FollowUp { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    public Guid? AppointmentId { get; set; }
    /// <summary>Set for a session brought in with a file from another bureau: part of the file, not of this school's workload.</summary>
    public Guid? ImportedFrom { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
