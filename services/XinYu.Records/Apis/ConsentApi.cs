using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Records.Apis;

public sealed record ConsentRequest(string? Purpose, string? AgencyId, bool? Granted, Guid? GuardianId, string? Method, DateTimeOffset? GivenAt);
public sealed record ConsentView(Guid Id, string Purpose, string? AgencyId, bool Granted, Guid GuardianId, string Method, DateTimeOffset GivenAt,
    string RecordedBy, DateTimeOffset RecordedAt);
/// <summary>The consent history (every entry, oldest first) and what stands now per purpose (and agency).</summary>
public sealed record ConsentHistory(IReadOnlyList<ConsentView> Current, IReadOnlyList<ConsentView> History);

/// <summary>
/// Guardian consent (PIPL Arts. 29, 31) per student and purpose: given or withdrawn, by which guardian, when and how.
/// Every change is a new row (history is never edited); the latest per purpose counts and is published as
/// ConsentRecorded, which Screening checks before screening a student.
/// </summary>
public static class ConsentApi
{
    public static readonly string[] Purposes = ["screening", "referral", "data-sharing"];
    public static readonly string[] Methods = ["paper", "online"];

    public static RouteGroupBuilder MapConsentApi(this RouteGroupBuilder api)
    {
        api.MapPost("/students/{studentId:guid}/consents", RecordAsync).RequireRoles(RecordsRoles.SchoolFileKeepers)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("consent");
        api.MapGet("/students/{studentId:guid}/consents", HistoryAsync).RequireRoles(RecordsRoles.SchoolFileKeepers)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("consent");
        return api;
    }

    private static ConsentView View(Consent c) => new(c.Id, c.Purpose, c.AgencyId, c.Granted, c.GuardianId, c.Method, c.GivenAt, c.RecordedBy, c.RecordedAt);

    private static async Task<Results<Created<ConsentView>, NotFound>> RecordAsync(Guid studentId, ConsentRequest request, HttpContext http,
        RecordsDbContext db, AuditTrail audit, TimeProvider clock)
    {
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var purpose = RecordsApi.OneOf(request.Purpose, "purpose", Purposes);
        string? agency = null;
        if (purpose == "data-sharing")
        {
            agency = RequestValidation.SingleLine(request.AgencyId, "agencyId", 100, "Data sharing names the agency the data goes to.");
            if (!agency.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw new RequestRejectedException("agencyId", "An agency id is letters, digits, '-', '_' and '.'.");
        }
        else if (!string.IsNullOrEmpty(request.AgencyId))
        {
            throw new RequestRejectedException("agencyId", "Only data-sharing consent names an agency.");
        }
        var granted = RequestValidation.Required(request.Granted, "granted", "true: consent given; false: refused or withdrawn.");
        var guardianId = RecordsApi.RequiredId(request.GuardianId, "guardianId");
        if (!await db.Guardians.AnyAsync(g => g.Id == guardianId && g.StudentId == student.Id, http.RequestAborted))
            throw new RequestRejectedException("guardianId", "Not a guardian of this student.");
        var method = RecordsApi.OneOf(request.Method, "method", Methods);
        var now = clock.GetUtcNow();
        var givenAt = request.GivenAt ?? now;
        if (givenAt > now.AddMinutes(5)) throw new RequestRejectedException("givenAt", "Consent cannot be given in the future.");
        if (givenAt < now.AddYears(-20)) throw new RequestRejectedException("givenAt", "Too far in the past for this student.");

        var consent = new Consent
        {
            Id = Guid.CreateVersion7(), StudentId = student.Id, Purpose = purpose, AgencyId = agency, Granted = granted, GuardianId = guardianId,
            Method = method, GivenAt = givenAt, RecordedBy = http.Caller().Subject, RecordedAt = now,
        };
        db.Consents.Add(consent);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "consent", consent.Id.ToString(), student.Id, student.SchoolId, purpose));
        db.Publish(new ConsentRecorded
        {
            BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = student.Id, Purpose = purpose, Granted = granted, AgencyId = agency,
            OccurredAt = givenAt,
        }, EventKeys.Student(student.Id));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Created($"/api/records/students/{student.Id}/consents/{consent.Id}", View(consent));
    }

    private static async Task<Results<Ok<ConsentHistory>, NotFound>> HistoryAsync(Guid studentId, HttpContext http, RecordsDbContext db)
    {
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var history = await db.Consents.AsNoTracking().Where(c => c.StudentId == student.Id)
            .OrderBy(c => c.GivenAt).ThenBy(c => c.RecordedAt).ToListAsync(http.RequestAborted);
        var current = history.GroupBy(c => (c.Purpose, c.AgencyId)).Select(g => g.Last()).OrderBy(c => c.Purpose).Select(View).ToList();
        return TypedResults.Ok(new ConsentHistory(current, history.Select(View).ToList()));
    }
}
