using Microsoft.EntityFrameworkCore;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;

namespace XinYu.Staffing.Apis;

/// <summary>Loads what the pure rules need and applies them: one place, shared by the figures' endpoints and the exports.</summary>
internal static class StaffingFigures
{
    public static async Task<List<SchoolStaffingFacts>> FactsAsync(StaffingDbContext db, IReadOnlyCollection<School> schools, CancellationToken ct)
    {
        var ids = schools.Select(s => s.Id).ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId != null && ids.Contains(s.SchoolId.Value)).ToListAsync(ct);
        return [.. schools.Select(s => new SchoolStaffingFacts(s.Id, s.Name, s.Level, s.IsUrban, s.IsLegalEntity,
            staff.Count(m => m.SchoolId == s.Id && m.Roles.Contains(StaffRole.FullTimePsych)),
            staff.Count(m => m.SchoolId == s.Id && m.Roles.Contains(StaffRole.PartTimePsych))))];
    }

    public static async Task<BureauCompliance> ComplianceAsync(StaffingDbContext db, Guid bureau, DateOnly today, ComplianceOptions options, CancellationToken ct)
    {
        var schools = await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau).ToListAsync(ct);
        var research = await db.Staff.AsNoTracking().Where(s => s.BureauId == bureau && s.SchoolId == null).ToListAsync(ct);
        return ComplianceRules.AssessBureau(await FactsAsync(db, schools, ct), research.Count(r => r.Roles.Contains(StaffRole.ResearchStaff)), today, options);
    }

    public static async Task<List<CoverageView>> CoverageAsync(StaffingDbContext db, Guid bureau, DateOnly today, CertificateOptions options, CancellationToken ct)
    {
        var schools = await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau).OrderBy(s => s.Code).ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.BureauId == bureau && s.SchoolId != null).ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.BureauId == bureau).ToListAsync(ct);
        return [.. schools.Select(s => CoverageView.Of(s, today, CertificateCoverageRules.Compute(
            [.. staff.Where(m => m.SchoolId == s.Id)], [.. certificates.Where(c => c.SchoolId == s.Id)], today, options.ExpiringWithinDays)))];
    }

    public static async Task<List<(School School, SchoolTraining Training)>> TrainingAsync(StaffingDbContext db, IReadOnlyCollection<School> schools, int schoolYear,
        TrainingOptions options, CancellationToken ct)
    {
        var ids = schools.Select(s => s.Id).ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId != null && ids.Contains(s.SchoolId.Value)).ToListAsync(ct);
        var staffIds = staff.Select(s => s.Id).ToList();
        // Every record of these staff: a new hire's hours before starting may lie in an earlier school year.
        var records = await db.TrainingRecords.AsNoTracking().Where(t => staffIds.Contains(t.StaffId)).ToListAsync(ct);
        return [.. schools.Select(s => (s, TrainingRules.AssessSchool([.. staff.Where(m => m.SchoolId == s.Id)], records, schoolYear, options)))];
    }

    public static async Task<IReadOnlyList<TeacherWorkload>> WorkloadAsync(StaffingDbContext db, IReadOnlyCollection<StaffMember> staff, Term term, CancellationToken ct)
    {
        var ids = staff.Select(s => s.Id).ToList();
        var entries = await db.WorkloadEntries.AsNoTracking()
            .Where(e => ids.Contains(e.StaffId) && e.HeldOn >= term.StartsOn && e.HeldOn <= term.EndsOn).ToListAsync(ct);
        return WorkloadRules.PerTeacher(staff, entries, term);
    }
}
