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
        // Only work held at the teacher's own school (or bureau-wide) counts: a session or activity another school
        // reported naming this teacher (before Records and Calendar checked staff ids, or by a bad producer) does not.
        var byId = staff.ToDictionary(s => s.Id);
        entries = [.. entries.Where(e => byId[e.StaffId] is var s && e.BureauId == s.BureauId && (e.SchoolId is null || e.SchoolId == s.SchoolId))];
        return WorkloadRules.PerTeacher(staff, entries, term);
    }

    public static async Task<List<ClassLessons>> LessonsAsync(StaffingDbContext db, School school, Term term, DateOnly today, LessonOptions options, CancellationToken ct)
    {
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolId == school.Id && !c.IsClosed).ToListAsync(ct);
        var ids = classes.Select(c => c.Id).ToList();
        var lessons = await db.HeldActivities.AsNoTracking()
            // Only the school's own lessons count for its classes: another school's event naming this class does not.
            .Where(a => a.SchoolId == school.Id && a.ClassId != null && ids.Contains(a.ClassId.Value) && a.Kind == "psych-lesson" && a.HeldOn >= term.StartsOn && a.HeldOn <= term.EndsOn)
            .ToListAsync(ct);
        return [.. LessonRules.PerClass(classes, lessons, term, today, options)];
    }

    public static async Task<MentorGrid> MentorGridAsync(StaffingDbContext db, School school, MentorGridOptions options, CancellationToken ct)
    {
        var students = await db.Roster.AsNoTracking().Where(r => r.SchoolId == school.Id && !r.Left).ToListAsync(ct);
        var mentorships = await db.Mentorships.AsNoTracking().Where(m => m.SchoolId == school.Id).ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct);
        return MentorGridRules.Compute(students, mentorships, staff, options);
    }
}
