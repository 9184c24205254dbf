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

    public List<StudentConsent> Consents { get; } = [];
    public List<NewConsent> ConsentsRecorded { get; } = [];
    public int ConsentReads { get; private set; }

    /// <summary>The printed file's document, or a refusal when set.</summary>
    public string PrintedFile { get; set; } = "<!DOCTYPE html><html lang=\"zh-CN\"><body><h2>基本信息</h2></body></html>";
    public (HttpStatusCode Status, string Body)? RefusePrint { get; set; }

    public Task<ConsentHistory> ConsentsAsync(Guid studentId, CancellationToken ct = default)
    {
        ConsentReads++;
        var current = Consents.GroupBy(c => (c.Purpose, c.AgencyId)).Select(g => g.Last()).OrderBy(c => c.Purpose).ToList();
        return Task.FromResult(new ConsentHistory(current, Consents.ToList()));
    }

    public Task<StudentConsent> RecordConsentAsync(Guid studentId, NewConsent consent, CancellationToken ct = default)
    {
        ConsentsRecorded.Add(consent);
        var recorded = new StudentConsent(Guid.NewGuid(), consent.Purpose!, consent.AgencyId, consent.Granted!.Value, consent.GuardianId!.Value, consent.Method!,
            consent.GivenAt ?? DateTimeOffset.UtcNow, "me", DateTimeOffset.UtcNow);
        Consents.Add(recorded);
        return Task.FromResult(recorded);
    }

    public async Task<string> PrintAsync(Guid studentId, CancellationToken ct = default)
    {
        if (RefusePrint is { } refusal) throw await Refusal(refusal.Status, refusal.Body);
        return PrintedFile;
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
