using System.Net;
using System.Text;
using Refit;
using XinYu.Client.Staff;

namespace XinYu.Web.Tests;

/// <summary>Records as the pages see it, in memory: what each call was asked, and a refusal to give where a test wants one.</summary>
internal sealed class FakeRecordsApi : IRecordsStaffApi
{
    public List<StudentListing> Students { get; } = [];
    public List<SchoolClass> Classes { get; } = [];
    public StudentFile File { get; set; } = new(["basic"], null, null, null, null, []);
    public List<CounsellingNote> Notes { get; } = [];
    public List<DutySlot> Slots { get; } = [];
    public List<Appointment> Appointments { get; } = [];

    /// <summary>The purpose of each counselling-notes read, in order.</summary>
    public List<string> NotesReadFor { get; } = [];
    public List<NewAppointment> Booked { get; } = [];
    public List<Guid> Cancelled { get; } = [];

    /// <summary>The next booking is refused with this status and problem body.</summary>
    public (HttpStatusCode Status, string Body)? RefuseBooking { get; set; }

    public static async Task<ApiException> Refusal(HttpStatusCode status, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://gateway/api/records/");
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, "application/problem+json") };
        return await ApiException.Create(request, HttpMethod.Post, response, new RefitSettings());
    }

    public Task<IReadOnlyList<StudentListing>> StudentsAsync(Guid schoolId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<StudentListing>>(Students);

    public Task<IReadOnlyList<SchoolClass>> ClassesAsync(Guid schoolId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<SchoolClass>>(Classes);

    public Task<StudentFile> FileAsync(Guid studentId, CancellationToken ct = default) => Task.FromResult(File);

    /// <summary>Every entry sent, in order.</summary>
    public List<NewFileEntry> Added { get; } = [];

    /// <summary>The next entry is refused with this status and problem body.</summary>
    public (HttpStatusCode Status, string Body)? RefuseEntry { get; set; }

    public async Task<FileEntry> AddEntryAsync(Guid studentId, NewFileEntry entry, CancellationToken ct = default)
    {
        Added.Add(entry);
        if (RefuseEntry is { } refusal) throw await Refusal(refusal.Status, refusal.Body);
        return new FileEntry(Guid.NewGuid(), entry.Section!, entry.Text!, entry.Corrects, "me", DateTimeOffset.UtcNow);
    }

    public Task<IReadOnlyList<CounsellingNote>> CounsellingNotesAsync(Guid studentId, string purpose, CancellationToken ct = default)
    {
        NotesReadFor.Add(purpose);
        return Task.FromResult<IReadOnlyList<CounsellingNote>>(Notes);
    }

    public Task<IReadOnlyList<DutySlot>> DutySlotsAsync(Guid schoolId, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<DutySlot>>(Slots.Where(s => (from is null || s.Date >= from) && (to is null || s.Date <= to)).ToList());

    public Task<IReadOnlyList<Appointment>> AppointmentsAsync(Guid schoolId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Appointment>>(Appointments);

    public async Task<Appointment> BookAsync(Guid schoolId, NewAppointment appointment, CancellationToken ct = default)
    {
        if (RefuseBooking is { } refusal) throw await Refusal(refusal.Status, refusal.Body);
        Booked.Add(appointment);
        var slot = Slots.Single(s => s.Id == appointment.DutySlotId);
        var booked = new Appointment(Guid.NewGuid(), slot.Id, slot.CounsellorStaffId, appointment.StudentId!.Value, appointment.RequestedFor ?? "student",
            "requested", DateTimeOffset.UtcNow, null);
        Appointments.Add(booked);
        return booked;
    }

    public Task<Appointment> ConfirmAsync(Guid schoolId, Guid appointmentId, CancellationToken ct = default) => Decide(appointmentId, "confirmed");

    public Task<Appointment> CancelAsync(Guid schoolId, Guid appointmentId, CancellationToken ct = default)
    {
        Cancelled.Add(appointmentId);
        return Decide(appointmentId, "cancelled");
    }

    private Task<Appointment> Decide(Guid id, string status)
    {
        var index = Appointments.FindIndex(a => a.Id == id);
        Appointments[index] = Appointments[index] with { Status = status, DecidedAt = DateTimeOffset.UtcNow };
        return Task.FromResult(Appointments[index]);
    }

    public Task<CounsellingSession> RecordSessionAsync(Guid schoolId, NewCounsellingSession session, CancellationToken ct = default) =>
        Task.FromResult(new CounsellingSession(Guid.NewGuid(), session.CounsellorStaffId!.Value, session.Kind!, session.HeldOn!.Value,
            session.DurationMinutes!.Value, session.StudentIds!, session.FollowUp, session.FollowUpOn));
}
