using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.Records.Data;
using XinYu.Records.Domain;
using XinYu.Records.Import;
using XinYu.ServiceDefaults.Auditing;
using XinYu.ServiceDefaults.Http;
using XinYu.ServiceDefaults.Logging;

namespace XinYu.Records.Apis;

public sealed record ClassNameRequest(string? Name);
public sealed record ClassView(Guid Id, Guid SchoolId, int Grade, int EntryYear, string? Name, bool Closed);
public sealed record GuardianRequest([property: PersonalData] string? Name, string? Relation, [property: PersonalData] string? Phone);
public sealed record GuardianView(Guid Id, [property: PersonalData] string Name, string Relation, [property: PersonalData] string Phone);
public sealed record LeaveRequest(string? Reason);
public sealed record StudentSummary(Guid Id, [property: PersonalData] string Name, [property: PersonalData] string? NationalStudentNumber, string Gender,
    DateOnly BirthDate, Guid ClassId, int Grade, string Status);

/// <summary>Students, their guardians and the school's roster (花名册) import.</summary>
public static class StudentsApi
{
    public static readonly string[] LeaveReasons = ["graduated", "moved-out", "other"];
    public static readonly string[] GuardianRelations = ["father", "mother", "grandfather", "grandmother", "other"];

    public static RouteGroupBuilder MapStudentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/roster", ImportRosterAsync).RequireRoles(RecordsRoles.RosterImporters)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("roster"); // body: text/csv, XLSX, or multipart (read in the handler)
        api.MapGet("/schools/{schoolId:guid}/students", ListAsync).RequireRoles(RecordsRoles.StudentListReaders)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("student-list");
        api.MapGet("/schools/{schoolId:guid}/classes", ClassesAsync).RequireRoles(RecordsRoles.SchoolFileKeepers);
        api.MapPut("/schools/{schoolId:guid}/classes/{classId:guid}/name", NameClassAsync).RequireRoles(XinYuRolesOf.SchoolAdmin);
        api.MapPost("/students/{studentId:guid}/guardians", AddGuardianAsync).RequireRoles(RecordsRoles.SchoolFileKeepers)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("guardian");
        api.MapPost("/students/{studentId:guid}/leave", LeaveAsync).RequireRoles(RecordsRoles.Leavers)
            .AuditedAs<RecordsDbContext, RouteHandlerBuilder>("student-file");
        return api;
    }

    private static async Task<Results<Ok<List<ClassView>>, NotFound>> ClassesAsync(Guid schoolId, HttpContext http, RecordsDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolId == schoolId).OrderBy(c => c.Grade).ThenBy(c => c.Name)
            .Select(c => new ClassView(c.ClassId, c.SchoolId, c.Grade, c.EntryYear, c.Name, c.Closed)).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(classes);
    }

    /// <summary>The school's own label for a class (七(3)班), so its rosters can name classes the way its systems export them.</summary>
    private static async Task<Results<Ok<ClassView>, NotFound>> NameClassAsync(Guid schoolId, Guid classId, ClassNameRequest request,
        HttpContext http, RecordsDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var name = RequestValidation.SingleLine(request.Name, "name", 50, "Give the class's name as the school's rosters write it (七(3)班).");
        if (Guid.TryParse(name, out _)) throw new RequestRejectedException("name", "A class name is not an id.");
        if (await db.Classes.SingleOrDefaultAsync(c => c.ClassId == classId && c.SchoolId == schoolId, http.RequestAborted) is not { } named)
            return TypedResults.NotFound();
        named.Name = name;
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Ok(new ClassView(named.ClassId, named.SchoolId, named.Grade, named.EntryYear, named.Name, named.Closed));
    }

    private static async Task<Results<Ok<List<StudentSummary>>, NotFound>> ListAsync(Guid schoolId, HttpContext http, RecordsDbContext db)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is null) return TypedResults.NotFound();
        var caller = http.Caller();
        var query = db.Students.AsNoTracking().Where(s => s.SchoolId == schoolId && s.Status != StudentStatus.Archived);
        if (!caller.IsInRole(ServiceDefaults.Auth.XinYuRoles.Counsellor) && !caller.IsInRole(ServiceDefaults.Auth.XinYuRoles.SchoolAdmin))
        {
            var classes = caller.ClassIds.ToList();
            query = query.Where(s => classes.Contains(s.ClassId)); // a head teacher: their classes only
        }
        var students = await query.OrderBy(s => s.Grade).ThenBy(s => s.ClassId).ThenBy(s => s.Name)
            .Select(s => new StudentSummary(s.Id, s.Name, s.NationalNumber, s.Gender, s.BirthDate, s.ClassId, s.Grade, s.Status))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(students);
    }

    private static async Task<Results<Created<GuardianView>, NotFound>> AddGuardianAsync(Guid studentId, GuardianRequest request, HttpContext http,
        RecordsDbContext db, AuditTrail audit, TimeProvider clock)
    {
        if (await db.ReachableStudentAsync(http, studentId) is not { } student) return TypedResults.NotFound();
        var name = RequestValidation.SingleLine(request.Name, "name", RosterRules.MaxNameLength, "Give the guardian's name.");
        if (!RosterRules.IsValidName(name)) throw new RequestRejectedException("name", "No angle brackets or control characters.");
        var relation = RecordsApi.OneOf(request.Relation, "relation", GuardianRelations);
        var phone = (request.Phone ?? "").Replace(" ", "");
        if (!RosterRules.IsValidPhone(phone)) throw new RequestRejectedException("phone", "A mobile (13812345678) or a landline with area code (010-12345678).");
        var guardian = new Guardian { Id = Guid.CreateVersion7(), StudentId = student.Id, Name = name, Relation = relation, Phone = phone, RecordedAt = clock.GetUtcNow() };
        db.Guardians.Add(guardian);
        audit.Record(db, new AuditRecord(AuditTrail.Actions.Create, "guardian", guardian.Id.ToString(), student.Id, student.SchoolId));
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.Created($"/api/records/students/{student.Id}/guardians/{guardian.Id}", new GuardianView(guardian.Id, name, relation, phone));
    }

    /// <summary>The student left the bureau's schools: the file is kept, then archived and purged under the retention settings.</summary>
    private static async Task<Results<NoContent, NotFound>> LeaveAsync(Guid studentId, LeaveRequest request, HttpContext http, RecordsDbContext db,
        AuditTrail audit, TimeProvider clock)
    {
        if (await db.ReachableStudentAsync(http, studentId, tracked: true) is not { } student) return TypedResults.NotFound();
        var reason = RecordsApi.OneOf(request.Reason, "reason", LeaveReasons);
        if (student.Status != StudentStatus.Active) throw new RequestRejectedException("reason", "The student has already left.", StatusCodes.Status409Conflict);
        MarkLeft(db, audit, student, reason, clock.GetUtcNow());
        await db.SaveAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    internal static void MarkLeft(RecordsDbContext db, AuditTrail audit, Student student, string reason, DateTimeOffset now)
    {
        student.Status = StudentStatus.Left;
        student.LeftAt = now;
        student.LeftReason = reason;
        audit.Record(db, new AuditRecord("leave", "student-file", student.Id.ToString(), student.Id, student.SchoolId, reason));
        db.Publish(new StudentLeft { BureauId = student.BureauId, SchoolId = student.SchoolId, StudentId = student.Id, Reason = reason, OccurredAt = now },
            EventKeys.Student(student.Id));
    }

    /// <summary>
    /// Imports a school's roster. Default all-or-nothing: a roster is the school's list as a whole, and storing part of
    /// it would leave students silently missing from screening; the caller fixes the reported rows and sends the file
    /// again (re-importing is safe: known students are matched, not duplicated). <c>?mode=row-by-row</c> stores every
    /// good row and reports the rest.
    /// </summary>
    private static async Task<IResult> ImportRosterAsync(Guid schoolId, HttpContext http, RecordsDbContext db, AuditTrail audit,
        TimeProvider clock, RosterImporter importer, IOptionsMonitor<RosterImportOptions> limits, string? mode = null)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        mode ??= RosterImportModes.AllOrNothing;
        if (!RosterImportModes.All.Contains(mode)) throw new RequestRejectedException("mode", $"One of: {string.Join(", ", RosterImportModes.All)} (default {RosterImportModes.AllOrNothing}).");
        var (columns, rows, serials) = await ReadRosterAsync(http, limits.CurrentValue);
        var report = await importer.ImportAsync(db, audit, school, rows, serials, mode, http.RequestAborted);
        if (!report.Stored)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Some rows of the roster are invalid; nothing was stored.",
                Detail = $"{report.RejectedRows} of {report.Rows} rows are refused. Fix them and import the file again, or import with ?mode={RosterImportModes.RowByRow}.",
                Extensions =
                {
                    ["errors"] = report.Rejections.GroupBy(r => $"rows[{r.Row}].{r.Field}").ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray()),
                    ["report"] = report,
                    ["columns"] = columns,
                },
            });
        }
        return TypedResults.Ok(report);
    }

    /// <summary>
    /// Reads the roster within the limits of <see cref="RosterImportOptions"/>: a limit passed is a 413 or 400 whose
    /// title names the setting, thrown before anything is stored.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Columns, List<RosterRow> Rows, bool Serials)> ReadRosterAsync(HttpContext http,
        RosterImportOptions limits)
    {
        try
        {
            return await ReadBoundedRosterAsync(http, limits);
        }
        catch (RosterLimitException e)
        {
            throw new RequestRejectedException("file", e.Message, e.Status, e.Title);
        }
        catch (RosterFormatException e)
        {
            throw new RequestRejectedException("file", e.Message);
        }
        catch (CsvHelper.CsvFormatException)
        {
            throw new RequestRejectedException("file", "The file is not readable CSV.");
        }
    }

    private static async Task<(IReadOnlyList<string> Columns, List<RosterRow> Rows, bool Serials)> ReadBoundedRosterAsync(HttpContext http,
        RosterImportOptions limits)
    {
        var request = http.Request;
        // A body that says it is too large is refused unread; any other is counted as it is read, whatever its
        // Content-Length (chunked bodies have none), and a multipart form is read through the same counter.
        if (request.ContentLength > limits.MaxUploadBytes) throw RosterLimitException.UploadTooLarge(limits);
        request.Body = new LimitedReadStream(request.Body, limits.MaxUploadBytes, _ => RosterLimitException.UploadTooLarge(limits));

        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        string kind;
        var buffer = new MemoryStream();
        if (type == "multipart/form-data")
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.FirstOrDefault() ?? throw new RequestRejectedException("file", "Attach the roster as a file.");
            kind = file.ContentType.Split(';')[0].Trim().ToLowerInvariant() is RosterReader.XlsxType || file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? "xlsx" : "csv";
            await file.CopyToAsync(buffer, http.RequestAborted);
        }
        else if (type is RosterReader.CsvType or "application/csv" or "text/plain")
        {
            kind = "csv";
            await request.Body.CopyToAsync(buffer, http.RequestAborted);
        }
        else if (type == RosterReader.XlsxType)
        {
            kind = "xlsx";
            await request.Body.CopyToAsync(buffer, http.RequestAborted);
        }
        else
        {
            throw new RequestRejectedException("file", $"Send the roster as {RosterReader.CsvType}, {RosterReader.XlsxType} or a multipart form with one file.",
                StatusCodes.Status415UnsupportedMediaType);
        }
        buffer.Position = 0;
        var (columns, rows) = kind == "xlsx" ? RosterReader.ReadXlsx(buffer, limits) : RosterReader.ReadCsv(buffer, limits);
        return (columns, rows, kind == "xlsx");
    }
}

internal static class XinYuRolesOf
{
    public static readonly string[] SchoolAdmin = [ServiceDefaults.Auth.XinYuRoles.SchoolAdmin];
}
