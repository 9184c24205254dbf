using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Staffing.Apis;

public sealed record CertificateRequest(string? Kind, DateOnly? IssuedOn, DateOnly? ExpiresOn);

public sealed record CertificateView(Guid Id, Guid StaffId, string Kind, DateOnly IssuedOn, DateOnly? ExpiresOn, bool Valid)
{
    public static CertificateView Of(Certificate c, DateOnly today) => new(c.Id, c.StaffId, c.Kind.ToName(), c.IssuedOn, c.ExpiresOn, c.IsValidOn(today));
}

public sealed record ExpiringCertificateView(Guid CertificateId, Guid StaffId, string Kind, DateOnly ExpiresOn);

public sealed record CoverageView(Guid SchoolId, string SchoolName, DateOnly On, int Teachers, int TeachersWithC, decimal CShare,
    int HeadTeachers, int HeadTeachersWithB, decimal BShareOfHeadTeachers, int CounsellingQualified,
    List<Guid> TeachersWithoutC, List<ExpiringCertificateView> ExpiringSoon)
{
    public static CoverageView Of(School school, DateOnly on, CertificateCoverage c) => new(school.Id, school.Name, on, c.Teachers, c.TeachersWithC, c.CShare,
        c.HeadTeachers, c.HeadTeachersWithB, c.BShareOfHeadTeachers, c.CounsellingQualified, [.. c.TeachersWithoutC],
        [.. c.ExpiringSoon.Select(e => new ExpiringCertificateView(e.CertificateId, e.StaffId, e.Kind.ToName(), e.ExpiresOn))]);
}

public sealed record BureauCoverageView(DateOnly On, int Teachers, int TeachersWithC, decimal CShare, int HeadTeachers, int HeadTeachersWithB,
    decimal BShareOfHeadTeachers, int ExpiringSoon, List<CoverageView> Schools);

/// <summary>Certificates (C, B, counselling qualifications) per staff member, and coverage per school and bureau-wide.</summary>
public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/staff/{staffId:guid}/certificates", RecordAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        api.MapGet("/schools/{schoolId:guid}/certificates", ListAsync).RequireRoles(DirectoryRoles.StaffReaders);
        api.MapGet("/schools/{schoolId:guid}/certificates/coverage", CoverageAsync).RequireRoles(DirectoryRoles.StaffReaders);
        api.MapGet("/certificates/coverage", BureauCoverageAsync).RequireRoles(DirectoryRoles.BureauReaders);
        return api;
    }

    private static async Task<Results<Created<CertificateView>, NotFound>> RecordAsync(Guid schoolId, Guid staffId, CertificateRequest request,
        HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        if (await db.StaffOfSchoolAsync(school, staffId, http.RequestAborted) is not { } staff) return TypedResults.NotFound();
        if (!CertificateKinds.TryParse(request.Kind, out var kind))
            throw new RequestRejectedException("kind", $"One of: {string.Join(", ", CertificateKinds.Names)}.");
        var issuedOn = RequestValidation.Required(request.IssuedOn, "issuedOn", "Give the issue date (yyyy-mm-dd).");
        var now = clock.GetUtcNow();
        var certificate = Certificate.Record(staff, kind, issuedOn, request.ExpiresOn, now, clock.DateOf(now));
        db.Certificates.Add(certificate);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}/certificates/{certificate.Id}", CertificateView.Of(certificate, clock.DateOf(now)));
    }

    private static async Task<Results<Ok<List<CertificateView>>, NotFound>> ListAsync(Guid schoolId, HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var today = clock.Today();
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.SchoolId == school.Id)
            .OrderBy(c => c.StaffId).ThenBy(c => c.IssuedOn).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(certificates.Select(c => CertificateView.Of(c, today)).ToList());
    }

    private static async Task<Results<Ok<CoverageView>, NotFound>> CoverageAsync(Guid schoolId, HttpContext http, StaffingDbContext db,
        SchoolClock clock, IOptions<CertificateOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var today = clock.Today();
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(http.RequestAborted);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.SchoolId == school.Id).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(CoverageView.Of(school, today, CertificateCoverageRules.Compute(staff, certificates, today, options.Value.ExpiringWithinDays)));
    }

    private static async Task<Ok<BureauCoverageView>> BureauCoverageAsync(HttpContext http, StaffingDbContext db, SchoolClock clock, IOptions<CertificateOptions> options)
    {
        var today = clock.Today();
        var schools = await StaffingFigures.CoverageAsync(db, StaffingApi.CallerBureau(http), today, options.Value, http.RequestAborted);
        return TypedResults.Ok(new BureauCoverageView(today,
            schools.Sum(s => s.Teachers), schools.Sum(s => s.TeachersWithC), CertificateCoverageRules.Share(schools.Sum(s => s.TeachersWithC), schools.Sum(s => s.Teachers)),
            schools.Sum(s => s.HeadTeachers), schools.Sum(s => s.HeadTeachersWithB),
            CertificateCoverageRules.Share(schools.Sum(s => s.HeadTeachersWithB), schools.Sum(s => s.HeadTeachers)),
            schools.Sum(s => s.ExpiringSoon.Count), schools));
    }
}
