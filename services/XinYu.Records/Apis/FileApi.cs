using XinYu.ServiceDefaults.Auth;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Records.Consumers;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Time;
using XinYu.ServiceDefaults.Logging;

namespace XinYu.Records.Apis;

public sealed record FileEntryRequest(string? Section, [property: SensitiveData] string? Text, Guid? Corrects);
public sealed record FileEntryView(Guid Id, string Section, [property: SensitiveData] string Text, Guid? Corrects, string RecordedBy, DateTimeOffset RecordedAt);
public sealed record TimelineView(Guid Id, string Kind, string Section, Guid? SchoolId, DateTimeOffset OccurredAt, JsonElement Details);
/// <summary>Basic facts. Name, 学籍号 and birth date are left out for callers who see no names (bureau staff).</summary>
public sealed record BasicFacts(Guid Id, [property: PersonalData] string? Name, [property: PersonalData] string? NationalStudentNumber, string Gender,
    DateOnly? BirthDate, Guid SchoolId, Guid ClassId, int Grade, string Status, DateTimeOffset EnrolledAt, DateTimeOffset? LeftAt);
public sealed record CounsellingNoteView(Guid SessionId, DateOnly HeldOn, string Kind, int DurationMinutes, Guid CounsellorStaffId,
    [property: SensitiveData] string Notes, string? FollowUp, DateOnly? FollowUpOn);

/// <summary>A student's file as one caller may see it: only the sections their role allows are filled.</summary>
public sealed record FileView(
    IReadOnlyList<string> Sections,
    BasicFacts? Basic,
    IReadOnlyList<GuardianView>? Guardians,
    IReadOnlyList<FileEntryView>? FamilySituation,
    IReadOnlyList<FileEntryView>? PsychologicalStatus,
    IReadOnlyList<TimelineView> Timeline,
    IReadOnlyList<CounsellingNoteView>? CounsellingNotes = null);

/// <summary>
/// The file (一生一档): basic facts, guardians, family situation and psychological status (both encrypted, both
/// append-only: a correction is a new entry naming the one it corrects), and the timeline assembled from events.
/// </summary>
public static class FileApi
{
    public static RouteGroupBuilder MapFileApi(this RouteGroupBuilder api)
    {
        api.MapGet("/students/{studentId:guid}/file", ReadAsync).RequireRoles(FileRules.FileReaders)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("student-file");
        api.MapPost("/students/{studentId:guid}/entries", AddEntryAsync).RequireRoles(RecordsRoles.Counsellors)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("student-file");
        api.MapGet("/students/{studentId:guid}/counselling-notes", NotesAsync).RequireRoles(RecordsRoles.Counsellors)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("counselling-note");
        api.MapGet("/students/{studentId:guid}/print", PrintAsync).RequireRoles(FileRules.FileReaders)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("student-file-print");
        return api;
    }

    /// <summary>The sections asked for (comma-separated), narrowed to those the caller may see.</summary>
    internal static IReadOnlySet<string> Narrow(IReadOnlySet<string> allowed, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested)) return allowed.Where(s => s != Sections.CounsellingNotes).ToHashSet();
        var asked = requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = asked.FirstOrDefault(s => !Sections.All.Contains(s));
        if (unknown is not null) throw new RequestRejectedException("sections", $"Unknown section; one or more of: {string.Join(", ", Sections.All)}.");
        return asked.Where(allowed.Contains).ToHashSet();
    }

    internal static async Task<FileView> BuildAsync(RecordsDbContext db, Student student, IReadOnlySet<string> sections, bool names, CancellationToken ct)
    {
        BasicFacts? basic = sections.Contains(Sections.Basic)
            ? new BasicFacts(student.Id, names ? student.Name : null, names ? student.NationalNumber : null, student.Gender,
                names ? student.BirthDate : null, student.SchoolId, student.ClassId, student.Grade, student.Status, student.EnrolledAt, student.LeftAt)
            : null;
        List<GuardianView>? guardians = null;
        if (sections.Contains(Sections.Guardians) && names)
        {
            guardians = (await db.Guardians.AsNoTracking().Where(g => g.StudentId == student.Id).OrderBy(g => g.RecordedAt).ToListAsync(ct))
                .Select(g => new GuardianView(g.Id, g.Name, g.Relation, g.Phone)).ToList();
        }
        var written = Sections.Written.Where(sections.Contains).ToList();
        var entries = written.Count == 0 ? [] : await db.FileEntries.AsNoTracking()
            .Where(e => e.StudentId == student.Id && written.Contains(e.Section)).OrderBy(e => e.RecordedAt).ToListAsync(ct);
        List<FileEntryView>? Entries(string section) => sections.Contains(section)
            ? entries.Where(e => e.Section == section).Select(e => new FileEntryView(e.Id, e.Section, e.Text, e.Corrects, e.RecordedBy, e.RecordedAt)).ToList()
            : null;
        var timelineSections = sections.ToList();
        var timeline = (await db.Timeline.AsNoTracking().Where(t => t.StudentId == student.Id && timelineSections.Contains(t.Section))
                .OrderBy(t => t.OccurredAt).ThenBy(t => t.RecordedAt).ToListAsync(ct))
            .Select(t => new TimelineView(t.Id, t.Kind, t.Section, t.SchoolId, t.OccurredAt, JsonDocument.Parse(t.Details).RootElement.Clone())).ToList();
        List<CounsellingNoteView>? notes = sections.Contains(Sections.CounsellingNotes) ? await NotesOfAsync(db, student.Id, ct) : null;
        return new FileView(sections.Order(StringComparer.Ordinal).ToList(), basic, guardians, Entries(Sections.FamilySituation),
            Entries(Sections.PsychologicalStatus), timeline, notes);
    }

    private static async Task<List<CounsellingNoteView>> NotesOfAsync(RecordsDbContext db, Guid studentId, CancellationToken ct) =>
        (await db.Sessions.AsNoTracking().Where(s => s.StudentIds.Contains(studentId)).OrderBy(s => s.HeldOn).ThenBy(s => s.RecordedAt).ToListAsync(ct))
            .Select(s => new CounsellingNoteView(s.Id, s.HeldOn, s.Kind, s.DurationMinutes, s.CounsellorStaffId, s.Notes, s.FollowUp, s.FollowUpOn)).ToList();

    private static async Task<Results<Ok<FileView>, NotFound>> ReadAsync(Guid studentId, HttpContext http, RecordsDbContext db, string? sections = null)
    {
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var caller = http.Caller();
        var shown = Narrow(FileRules.SectionsFor(caller), sections);
        if (shown.Contains(Sections.CounsellingNotes)) RequirePurpose(http);
        return TypedResults.Ok(await BuildAsync(db, student, shown, FileRules.SeesNames(caller), http.RequestAborted));
    }

    internal static void RequirePurpose(HttpContext http)
    {
        var purpose = http.Request.Headers[AuditedEndpoints.PurposeHeader].ToString();
        if (string.IsNullOrWhiteSpace(purpose))
            throw new RequestRejectedException(AuditedEndpoints.PurposeHeader, "Reading counselling notes requires a stated purpose in the X-Purpose header.");
    }

    private static async Task<Results<Ok<List<CounsellingNoteView>>, NotFound>> NotesAsync(Guid studentId, HttpContext http, RecordsDbContext db)
    {
        RequirePurpose(http);
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        return TypedResults.Ok(await NotesOfAsync(db, student.Id, http.RequestAborted));
    }

    private static async Task<Results<Created<FileEntryView>, NotFound>> AddEntryAsync(Guid studentId, FileEntryRequest request, HttpContext http,
        RecordsDbContext db, AuditTrail audit, TimeProvider clock)
    {
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var section = RecordsApi.OneOf(request.Section, "section", Sections.Written);
        var text = RequestValidation.MultiLine(request.Text, "text", 10_000, "Write the entry.");
        if (request.Corrects is { } corrected
            && !await db.FileEntries.AnyAsync(e => e.Id == corrected && e.StudentId == student.Id && e.Section == section, http.RequestAborted))
        {
            throw new RequestRejectedException("corrects", "No entry of this section of this file has this id.");
        }
        var entry = new FileEntry
        {
            Id = Guid.CreateVersion7(), StudentId = student.Id, Section = section, Text = text, Corrects = request.Corrects, SchoolId = student.SchoolId,
            RecordedBy = http.Caller().Subject, RecordedAt = clock.GetUtcNow(),
        };
        db.FileEntries.Add(entry);
        audit.Record(db, new AuditRecord(request.Corrects is null ? AuditTrail.Actions.Create : "correct", section, entry.Id.ToString(), student.Id, student.SchoolId));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Created($"/api/records/students/{student.Id}/entries/{entry.Id}",
            new FileEntryView(entry.Id, section, text, entry.Corrects, entry.RecordedBy, entry.RecordedAt));
    }

    /// <summary>The file, or chosen sections, as a printable HTML document (for a referral or a hand-over). Audited as an export.</summary>
    private static async Task<IResult> PrintAsync(Guid studentId, HttpContext http, RecordsDbContext db, AuditTrail audit, SchoolClock clock,
        string? sections = null)
    {
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var caller = http.Caller();
        var shown = Narrow(FileRules.SectionsFor(caller), sections);
        if (shown.Contains(Sections.CounsellingNotes)) RequirePurpose(http);
        var file = await BuildAsync(db, student, shown, FileRules.SeesNames(caller), http.RequestAborted);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Export, "student-file-print", string.Join(',', file.Sections), student.Id, student.SchoolId,
            http.Request.Headers[AuditedEndpoints.PurposeHeader].ToString() is { Length: > 0 } p ? p[..Math.Min(p.Length, 500)] : null));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Content(PrintedFile.Html(file, clock.GetUtcNow(), clock.Zone), "text/html; charset=utf-8");
    }
}
