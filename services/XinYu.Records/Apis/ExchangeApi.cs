using XinYu.ServiceDefaults.Auth;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.Records.Exchange;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Records.Apis;

public sealed record ExchangeKeysView(Guid BureauId, string SigningPublicKey, string AgreementPublicKey);
public sealed record PartnerRequest(string? SigningPublicKey, string? AgreementPublicKey);
public sealed record ExportRequest(Guid? ToBureauId);
public sealed record ImportPackageRequest(SealedPackage? Package, Guid? SchoolId, Guid? ClassId);
public sealed record ImportedView(Guid StudentId, Guid SchoolId, Guid ClassId, Guid FromBureauId, int TimelineEntries, int Sessions);

/// <summary>What a package carries: the whole file, with names and notes, as the sending bureau held it.</summary>
public sealed record PackagePayload(string Format, DateTimeOffset ExportedAt, FileView File, IReadOnlyList<ConsentView> Consents);

/// <summary>
/// A move out of the bureau: the bureau admin exports the file as a sealed, signed package for a partner bureau
/// (the student then counts as left, and retention runs); the receiving bureau's admin imports it into one of their
/// schools after its signature verifies against the sender's key. A bureau of this deployment uses its own keys,
/// which no registration replaces; another deployment's bureau is configured in Records:Exchange:Partners, or
/// registered by one bureau admin and approved by a second (four eyes), so no single admin can seal a file with names
/// and notes for a key pair of their own.
/// </summary>
public static class ExchangeApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapExchangeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/exchange/keys", KeysAsync).RequireRoles(RecordsRoles.BureauAdmins);
        api.MapPut("/exchange/partners/{partnerBureauId:guid}", PartnerAsync).RequireRoles(RecordsRoles.BureauAdmins);
        api.MapPost("/exchange/partners/{partnerBureauId:guid}/approve", ApproveAsync).RequireRoles(RecordsRoles.BureauAdmins);
        api.MapPost("/students/{studentId:guid}/export-package", ExportAsync).RequireRoles(RecordsRoles.BureauAdmins)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("student-file-export");
        api.MapPost("/exchange/imports", ImportAsync).RequireRoles(RecordsRoles.BureauAdmins)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("student-file-import");
        return api;
    }

    private static Guid BureauOf(HttpContext http) =>
        http.Caller().BureauId ?? throw new RequestRejectedException("bureau", "The caller belongs to no bureau.", StatusCodes.Status403Forbidden);

    private static async Task<Ok<ExchangeKeysView>> KeysAsync(HttpContext http, RecordsDbContext db, ExchangeKeys keys)
    {
        var bureau = BureauOf(http);
        var own = await keys.OwnAsync(db, bureau, http.RequestAborted);
        own.Signing.Dispose();
        own.Agreement.Dispose();
        return TypedResults.Ok(new ExchangeKeysView(bureau, own.SigningPublic, own.AgreementPublic));
    }

    private static async Task<NoContent> PartnerAsync(Guid partnerBureauId, PartnerRequest request, HttpContext http, RecordsDbContext db,
        AuditTrail audit, TimeProvider clock)
    {
        var bureau = BureauOf(http);
        if (partnerBureauId == bureau) throw new RequestRejectedException("partnerBureauId", "A bureau does not exchange files with itself.");
        if (!ExchangeKeys.IsPublicKey(request.SigningPublicKey, signing: true))
            throw new RequestRejectedException("signingPublicKey", "An ECDSA P-256 public key (SubjectPublicKeyInfo, base64).");
        if (!ExchangeKeys.IsPublicKey(request.AgreementPublicKey, signing: false))
            throw new RequestRejectedException("agreementPublicKey", "An ECDH P-256 public key (SubjectPublicKeyInfo, base64).");
        if (await ExchangeKeys.IsLocalAsync(db, partnerBureauId, http.RequestAborted))
            throw new RequestRejectedException("partnerBureauId", "This bureau is in the same deployment: its own keys are used, and cannot be replaced.",
                StatusCodes.Status409Conflict);
        var partner = await db.ExchangePartners.SingleOrDefaultAsync(p => p.BureauId == bureau && p.PartnerBureauId == partnerBureauId, http.RequestAborted);
        if (partner is null)
        {
            partner = new ExchangePartner { BureauId = bureau, PartnerBureauId = partnerBureauId };
            db.ExchangePartners.Add(partner);
        }
        if (partner.SigningPublicKey != request.SigningPublicKey || partner.AgreementPublicKey != request.AgreementPublicKey || !partner.IsApproved)
        {
            // New keys (or a first registration) wait for a second admin; the same keys again change nothing.
            (partner.SigningPublicKey, partner.AgreementPublicKey) = (request.SigningPublicKey!, request.AgreementPublicKey!);
            (partner.AddedBy, partner.AddedAt, partner.ApprovedBy, partner.ApprovedAt) = (http.Caller().Subject, clock.GetUtcNow(), null, null);
        }
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Update, "exchange-partner", partnerBureauId.ToString()));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A second bureau admin approves a partner's registered keys (four eyes): the admin who registered them cannot.
    /// Approving an approved registration again changes nothing.
    /// </summary>
    private static async Task<Results<NoContent, NotFound>> ApproveAsync(Guid partnerBureauId, HttpContext http, RecordsDbContext db, AuditTrail audit,
        TimeProvider clock)
    {
        var bureau = BureauOf(http);
        var partner = await db.ExchangePartners.SingleOrDefaultAsync(p => p.BureauId == bureau && p.PartnerBureauId == partnerBureauId, http.RequestAborted);
        if (partner is null) return TypedResults.NotFound();
        if (partner.IsApproved) return TypedResults.NoContent();
        var caller = http.Caller().Subject;
        if (caller.Length == 0 || caller == partner.AddedBy)
            throw new RequestRejectedException("partnerBureauId", "The admin who registered these keys cannot approve them: a second bureau admin must.",
                StatusCodes.Status403Forbidden);
        (partner.ApprovedBy, partner.ApprovedAt) = (caller, clock.GetUtcNow());
        audit.Record(db, new AuditRecord("approve", "exchange-partner", partnerBureauId.ToString()));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SealedPackage>, NotFound>> ExportAsync(Guid studentId, ExportRequest request, HttpContext http,
        RecordsDbContext db, ExchangeKeys keys, AuditTrail audit, TimeProvider clock)
    {
        var bureau = BureauOf(http);
        var toBureau = RecordsApi.RequiredId(request.ToBureauId, "toBureauId");
        FileApi.RequirePurpose(http);
        if (await db.ReachableStudentAsync(http, studentId, tracked: true) is not { } student || student.Status != StudentStatus.Active)
            return TypedResults.NotFound();
        if (toBureau == bureau) throw new RequestRejectedException("toBureauId", "A bureau does not export files to itself.");
        var partner = (await keys.PartnerAsync(db, bureau, toBureau, http.RequestAborted)).Require("toBureauId");
        var own = await keys.OwnAsync(db, bureau, http.RequestAborted);
        var now = clock.GetUtcNow();
        var file = await FileApi.BuildAsync(db, student, Sections.All.ToHashSet(), names: true, http.RequestAborted);
        var consents = (await db.Consents.AsNoTracking().Where(c => c.StudentId == student.Id).OrderBy(c => c.GivenAt).ToListAsync(http.RequestAborted))
            .Select(c => new ConsentView(c.Id, c.Purpose, c.AgencyId, c.Granted, c.GuardianId, c.Method, c.GivenAt, c.RecordedBy, c.RecordedAt)).ToList();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new PackagePayload(PackageSealer.Format, now, file, consents), Json);
        using var recipient = System.Security.Cryptography.ECDiffieHellman.Create();
        recipient.ImportSubjectPublicKeyInfo(Convert.FromBase64String(partner.AgreementPublicKey), out _);
        SealedPackage package;
        using (own.Signing)
        using (own.Agreement)
        {
            package = PackageSealer.Seal(payload, bureau, toBureau, own.Signing, recipient, now);
        }
        var purpose = http.Request.Headers[AuditedEndpoints.PurposeHeader].ToString() is { Length: > 0 } p ? p[..Math.Min(p.Length, 500)] : null;
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Export, "student-file-export", $"package:{package.PackageId}", student.Id, student.SchoolId, purpose));
        // The package carries the whole file, names and notes: the export is a read of it, audited as the reads it replaces.
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Read, "student-file", $"package:{package.PackageId}", student.Id, student.SchoolId, purpose));
        if (file.CounsellingNotes is { Count: > 0 })
            audit.Record(db, new AuditRecord(AuditTrail.Actions.Read, "counselling-note", $"package:{package.PackageId}", student.Id, student.SchoolId, purpose));
        StudentsApi.MarkLeft(db, audit, student, "moved-out", now);
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Ok(package);
    }

    /// <summary>
    /// A file moving in: the package must be addressed to the caller's bureau and signed by a partner it knows; the
    /// student joins an open class of a school the caller reaches (<see cref="FileImport"/> has the rules).
    /// </summary>
    private static async Task<Results<Created<ImportedView>, NotFound>> ImportAsync(ImportPackageRequest request, HttpContext http, RecordsDbContext db,
        ExchangeKeys keys, AuditTrail audit, TimeProvider clock)
    {
        var (bureau, ct) = (BureauOf(http), http.RequestAborted);
        var package = request.Package ?? throw new RequestRejectedException("package", "Give the sealed package.");
        var schoolId = RecordsApi.RequiredId(request.SchoolId, "schoolId");
        var classId = RecordsApi.RequiredId(request.ClassId, "classId");
        if (package.RecipientBureauId != bureau) throw new RequestRejectedException("package.recipientBureauId", "The package is addressed to another bureau.");
        var sender = package.SenderBureauId ?? throw new RequestRejectedException("package.senderBureauId", "Missing.");
        var partner = (await keys.PartnerAsync(db, bureau, sender, ct)).Require("package.senderBureauId");
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var schoolClass = await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.ClassId == classId && c.SchoolId == schoolId && !c.Closed, ct)
            ?? throw new RequestRejectedException("classId", "No open class of this school has this id.");

        var payload = await OpenAsync(package, partner, bureau, db, keys, audit, ct);
        var file = payload.File;
        var basic = file.Basic ?? throw new RequestRejectedException("package", "The package holds no basic facts.");
        var import = new FileImport(bureau, schoolClass, sender, clock.GetUtcNow());
        var student = import.AdoptStudent(basic.Id, await db.Students.AnyAsync(s => s.Id == basic.Id, ct), basic.Name, basic.NationalStudentNumber,
            basic.Gender, basic.BirthDate);
        foreach (var g in file.Guardians ?? []) import.AddGuardian(g.Id, g.Name, g.Relation, g.Phone);
        foreach (var e in (file.FamilySituation ?? []).Concat(file.PsychologicalStatus ?? [])) import.AddEntry(e.Section, e.Text, e.RecordedBy, e.RecordedAt);
        foreach (var t in file.Timeline) import.AddTimeline(t.Id, t.Kind, t.Section, t.OccurredAt, t.Details.GetRawText());
        foreach (var n in file.CounsellingNotes ?? []) import.AddSession(n.Kind, n.CounsellorStaffId, n.HeldOn, n.DurationMinutes, n.Notes, n.FollowUp, n.FollowUpOn);
        foreach (var c in payload.Consents) import.AddConsent(c.GuardianId, c.Purpose, c.AgencyId, c.Granted, c.Method, c.GivenAt);
        db.AddRange(import.Rows);
        audit.Record(db, new AuditRecord("import", "student-file-import", $"package:{package.PackageId}", student.Id, student.SchoolId));
        db.Publish(new StudentEnrolled
        {
            BureauId = bureau, SchoolId = student.SchoolId, StudentId = student.Id, ClassId = student.ClassId, Grade = student.Grade, OccurredAt = student.EnrolledAt,
        }, EventKeys.Student(student.Id));
        await db.SaveAsync(ct);
        return TypedResults.Created($"/api/records/students/{student.Id}/file",
            new ImportedView(student.Id, student.SchoolId, student.ClassId, sender, file.Timeline.Count, file.CounsellingNotes?.Count ?? 0));
    }

    /// <summary>
    /// Verifies the sender's signature and decrypts the payload with this bureau's agreement key. A refused package is
    /// audited (committed before the 400), so a bureau sees attempts with forged or damaged packages.
    /// </summary>
    private static async Task<PackagePayload> OpenAsync(SealedPackage package, PartnerKeys partner, Guid bureau, RecordsDbContext db, ExchangeKeys keys,
        AuditTrail audit, CancellationToken ct)
    {
        try
        {
            using var senderKey = System.Security.Cryptography.ECDsa.Create();
            senderKey.ImportSubjectPublicKeyInfo(Convert.FromBase64String(partner.SigningPublicKey), out _);
            var own = await keys.OwnAsync(db, bureau, ct);
            using (own.Signing)
            using (own.Agreement)
            {
                var bytes = PackageSealer.Open(package, senderKey, own.Agreement);
                return JsonSerializer.Deserialize<PackagePayload>(bytes, Json) ?? throw new PackageRejectedException("package", "Empty payload.");
            }
        }
        catch (Exception e) when (e is PackageRejectedException or JsonException)
        {
            var (field, message) = e is PackageRejectedException rejected ? (rejected.Field, rejected.Message) : ("package", "The package's contents are not a file.");
            audit.Record(db, new AuditRecord("import-refused", "student-file-import", $"package:{package.PackageId}", Purpose: field));
            await db.SaveChangesAsync(ct);
            throw new RequestRejectedException(field, message);
        }
    }
}
