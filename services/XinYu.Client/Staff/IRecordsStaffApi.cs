using Refit;

namespace XinYu.Client.Staff;

/// <summary>
/// Records' API as the staff web app calls it through the gateway, with the signed-in member of staff's token. The API
/// decides what the caller may see (and audits it); this interface only names the calls. The stated purpose
/// (<c>X-Purpose</c>) goes only on the call that needs one: reading counselling notes.
/// </summary>
public interface IRecordsStaffApi
{
    /// <summary>The school's students the caller may see (a counsellor: the whole school), in grade and class order.</summary>
    [Get("/api/records/schools/{schoolId}/students")]
    Task<IReadOnlyList<StudentListing>> StudentsAsync(Guid schoolId, CancellationToken ct = default);

    /// <summary>The school's classes, for their names (七(3)班).</summary>
    [Get("/api/records/schools/{schoolId}/classes")]
    Task<IReadOnlyList<SchoolClass>> ClassesAsync(Guid schoolId, CancellationToken ct = default);

    /// <summary>The sections of the student's file the caller may read; never the counselling notes.</summary>
    [Get("/api/records/students/{studentId}/file")]
    Task<StudentFile> FileAsync(Guid studentId, CancellationToken ct = default);

    /// <summary>A new entry in a written section (family situation, psychological status).</summary>
    [Post("/api/records/students/{studentId}/entries")]
    Task<FileEntry> AddEntryAsync(Guid studentId, [Body] NewFileEntry entry, CancellationToken ct = default);

    /// <summary>The counselling notes, read for a stated purpose the API records in its audit trail.</summary>
    [Get("/api/records/students/{studentId}/counselling-notes")]
    Task<IReadOnlyList<CounsellingNote>> CounsellingNotesAsync(Guid studentId, [Header("X-Purpose")] string purpose, CancellationToken ct = default);

    /// <summary>The student's guardians' consents: what stands per purpose, and the history (counsellors and school admins).</summary>
    [Get("/api/records/students/{studentId}/consents")]
    Task<ConsentHistory> ConsentsAsync(Guid studentId, CancellationToken ct = default);

    /// <summary>A guardian's consent given or withdrawn; a new row every time (the history is never edited).</summary>
    [Post("/api/records/students/{studentId}/consents")]
    Task<StudentConsent> RecordConsentAsync(Guid studentId, [Body] NewConsent consent, CancellationToken ct = default);

    /// <summary>
    /// The file as a printable HTML document (Records audits it as an export). The web app fetches it for the user,
    /// whose token stays on the server, and hands the document to the browser.
    /// </summary>
    [Get("/api/records/students/{studentId}/print")]
    Task<string> PrintAsync(Guid studentId, CancellationToken ct = default);

    /// <summary>The school's duty slots from <paramref name="from"/> to <paramref name="to"/> (the API's default: two weeks from today).</summary>
    [Get("/api/records/schools/{schoolId}/duty-slots")]
    Task<IReadOnlyList<DutySlot>> DutySlotsAsync(Guid schoolId, [Query(Format = "yyyy-MM-dd")] DateOnly? from = null,
        [Query(Format = "yyyy-MM-dd")] DateOnly? to = null, CancellationToken ct = default);

    /// <summary>The school's appointments, newest request first (at most 1000).</summary>
    [Get("/api/records/schools/{schoolId}/appointments")]
    Task<IReadOnlyList<Appointment>> AppointmentsAsync(Guid schoolId, CancellationToken ct = default);

    /// <summary>Books a duty slot for a student; a slot already held is a 409 naming <c>dutySlotId</c>.</summary>
    [Post("/api/records/schools/{schoolId}/appointments")]
    Task<Appointment> BookAsync(Guid schoolId, [Body] NewAppointment appointment, CancellationToken ct = default);

    [Post("/api/records/schools/{schoolId}/appointments/{appointmentId}/confirm")]
    Task<Appointment> ConfirmAsync(Guid schoolId, Guid appointmentId, CancellationToken ct = default);

    [Post("/api/records/schools/{schoolId}/appointments/{appointmentId}/cancel")]
    Task<Appointment> CancelAsync(Guid schoolId, Guid appointmentId, CancellationToken ct = default);

    /// <summary>A counselling session held (individual or group), with its notes; marks a confirmed appointment held.</summary>
    [Post("/api/records/schools/{schoolId}/sessions")]
    Task<CounsellingSession> RecordSessionAsync(Guid schoolId, [Body] NewCounsellingSession session, CancellationToken ct = default);
}
