using XinYu.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Contracts;
using XinYu.Messaging.Outbox;
using XinYu.ServiceDefaults.Http;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Staffing.Apis;

public sealed record TrainingRequest(string? Course, string? Provider, decimal? Hours, DateOnly? CompletedOn, string? EvidenceReference);

public sealed record TrainingView(Guid Id, Guid StaffId, string Course, string Provider, decimal Hours, DateOnly CompletedOn, string EvidenceReference)
{
    public static TrainingView Of(TrainingRecord t) => new(t.Id, t.StaffId, t.Course, t.Provider, t.Hours, t.CompletedOn, t.EvidenceReference);
}

public sealed record SchoolTrainingView(Guid SchoolId, string SchoolName, int SchoolYear, DateOnly From, DateOnly To, int Teachers, int TeachersMeetingMinimum,
    int SubjectTeachers, int SubjectTeachersParticipating, decimal SubjectParticipationRate, bool SubjectParticipationComplete,
    List<TeacherTraining> TeacherResults, List<TeacherTraining> Short)
{
    public static SchoolTrainingView Of(School school, SchoolTraining t) => new(school.Id, school.Name, t.SchoolYear, t.From, t.To, t.Teachers, t.TeachersMeetingMinimum,
        t.SubjectTeachers, t.SubjectTeachersParticipating, t.SubjectParticipationRate, t.SubjectParticipationComplete,
        [.. t.TeacherResults], [.. t.ShortOfMinimum]);
}

public sealed record BureauTrainingSchoolRow(Guid SchoolId, string SchoolName, int Teachers, int TeachersMeetingMinimum, int TeachersShort, decimal HoursShort,
    int SubjectTeachers, int SubjectTeachersParticipating, decimal SubjectParticipationRate);

public sealed record BureauTrainingView(int SchoolYear, int Teachers, int TeachersMeetingMinimum, int SubjectTeachers, int SubjectTeachersParticipating,
    decimal SubjectParticipationRate, bool SubjectParticipationComplete, List<BureauTrainingSchoolRow> Schools);

/// <summary>Training records (the school admin keeps them) and the hours against each role's yearly minimum.</summary>
public static class TrainingApi
{
    public static RouteGroupBuilder MapTrainingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/schools/{schoolId:guid}/staff/{staffId:guid}/training", RecordAsync).RequireRoles(DirectoryRoles.SchoolManagers);
        api.MapGet("/schools/{schoolId:guid}/training", SchoolAsync).RequireRoles(DirectoryRoles.StaffReaders);
        api.MapGet("/schools/{schoolId:guid}/training/records", RecordsAsync).RequireRoles(DirectoryRoles.StaffReaders);
        api.MapGet("/training", BureauAsync).RequireRoles(DirectoryRoles.BureauReaders);
        return api;
    }

    private static async Task<Results<Created<TrainingView>, NotFound>> RecordAsync(Guid schoolId, Guid staffId, TrainingRequest request,
        HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        if (await db.StaffOfSchoolAsync(school, staffId, http.RequestAborted) is not { } staff) return TypedResults.NotFound();
        var hours = RequestValidation.Required(request.Hours, "hours", "Give the hours.");
        var completedOn = RequestValidation.Required(request.CompletedOn, "completedOn", "Give the completion date (yyyy-mm-dd).");
        var record = TrainingRecord.Record(staff, request.Course, request.Provider, hours, completedOn, request.EvidenceReference, clock.GetUtcNow(), clock.Today());
        db.TrainingRecords.Add(record);
        db.Publish(new TrainingCompleted
        {
            BureauId = school.BureauId, SchoolId = school.Id, TrainingId = record.Id, StaffId = staff.Id, Hours = record.Hours, CompletedOn = record.CompletedOn,
        }, $"staff:{staff.Id}");
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staffing/schools/{school.Id}/training/records/{record.Id}", TrainingView.Of(record));
    }

    private static async Task<Results<Ok<List<TrainingView>>, NotFound>> RecordsAsync(Guid schoolId, int? schoolYear, HttpContext http, StaffingDbContext db,
        SchoolClock clock, IOptions<TrainingOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var (from, to) = TrainingRules.SchoolYearSpan(SchoolYear(schoolYear, clock, options.Value), options.Value);
        var records = await db.TrainingRecords.AsNoTracking().Where(t => t.SchoolId == school.Id && t.CompletedOn >= from && t.CompletedOn <= to)
            .OrderBy(t => t.CompletedOn).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(records.Select(TrainingView.Of).ToList());
    }

    private static async Task<Results<Ok<SchoolTrainingView>, NotFound>> SchoolAsync(Guid schoolId, int? schoolYear, HttpContext http, StaffingDbContext db,
        SchoolClock clock, IOptions<TrainingOptions> options)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        var year = SchoolYear(schoolYear, clock, options.Value);
        var training = (await StaffingFigures.TrainingAsync(db, [school], year, options.Value, http.RequestAborted))[0];
        return TypedResults.Ok(SchoolTrainingView.Of(school, training.Training));
    }

    private static async Task<Ok<BureauTrainingView>> BureauAsync(int? schoolYear, HttpContext http, StaffingDbContext db, SchoolClock clock, IOptions<TrainingOptions> options)
    {
        var year = SchoolYear(schoolYear, clock, options.Value);
        var bureau = StaffingApi.CallerBureau(http);
        var schools = await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau).OrderBy(s => s.Code).ToListAsync(http.RequestAborted);
        var rows = (await StaffingFigures.TrainingAsync(db, schools, year, options.Value, http.RequestAborted)).Select(x => new BureauTrainingSchoolRow(
            x.School.Id, x.School.Name, x.Training.Teachers, x.Training.TeachersMeetingMinimum, x.Training.ShortOfMinimum.Count(),
            x.Training.ShortOfMinimum.Sum(t => t.Short), x.Training.SubjectTeachers, x.Training.SubjectTeachersParticipating, x.Training.SubjectParticipationRate)).ToList();
        var subject = rows.Sum(r => r.SubjectTeachers);
        var participating = rows.Sum(r => r.SubjectTeachersParticipating);
        return TypedResults.Ok(new BureauTrainingView(year, rows.Sum(r => r.Teachers), rows.Sum(r => r.TeachersMeetingMinimum), subject, participating,
            CertificateCoverageRules.Share(participating, subject), participating == subject, rows));
    }

    /// <summary>The school year asked for, or the current one; from 2000 to next year.</summary>
    internal static int SchoolYear(int? asked, SchoolClock clock, TrainingOptions options)
    {
        var current = TrainingRules.SchoolYearOf(clock.Today(), options);
        if (asked is { } year && (year < 2000 || year > current + 1))
            throw new RequestRejectedException("schoolYear", $"Give a school year from 2000 to {current + 1}.");
        return asked ?? current;
    }
}
