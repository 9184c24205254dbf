using XinYu.ServiceDefaults.Auth;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinYu.Staffing.Data;
using XinYu.Staffing.Domain;
using XinYu.ServiceDefaults.Time;

namespace XinYu.Staffing.Apis;

/// <summary>One school's supervision figures (督导): every figure of the service, side by side. Null where no term exists yet.</summary>
public sealed record SupervisionRow(
    Guid SchoolId, string School, string Code, string Level, bool Urban, bool LegalEntity,
    bool StaffingCompliant, int FullTimePsych, int RequiredFullTimePsych, string Violations,
    int Teachers, decimal CShare, int HeadTeachers, int HeadTeachersWithB,
    int TeachersMeetingTrainingMinimum, int TeachersShortOfTraining, decimal SubjectParticipationRate,
    decimal? WorkloadClassHours, int? Classes, int? ClassesMeetingLessonStandard,
    int Students, int StudentsWithoutMentor, int MentorsOverRatio);

public sealed record SupervisionView(DateOnly AsOf, int SchoolYear, TermView? Term, int ResearchStaff, bool ResearchStaffPresent, bool StaffingCompliant,
    int Schools, int CompliantSchools, SupervisionTotals Totals, List<SupervisionRow> Rows);

/// <summary>The bureau's sums over its schools.</summary>
public sealed record SupervisionTotals(int FullTimePsych, int RequiredFullTimePsych, int Teachers, int TeachersShortOfTraining, decimal? WorkloadClassHours,
    int? Classes, int? ClassesMeetingLessonStandard, int Students, int StudentsWithoutMentor, int MentorsOverRatio)
{
    public static SupervisionTotals Of(IReadOnlyCollection<SupervisionRow> rows, bool hasTerm) => new(
        rows.Sum(r => r.FullTimePsych), rows.Sum(r => r.RequiredFullTimePsych), rows.Sum(r => r.Teachers), rows.Sum(r => r.TeachersShortOfTraining),
        hasTerm ? rows.Sum(r => r.WorkloadClassHours ?? 0) : null, hasTerm ? rows.Sum(r => r.Classes ?? 0) : null,
        hasTerm ? rows.Sum(r => r.ClassesMeetingLessonStandard ?? 0) : null,
        rows.Sum(r => r.Students), rows.Sum(r => r.StudentsWithoutMentor), rows.Sum(r => r.MentorsOverRatio));
}

/// <summary>Supervision figures per school and bureau-wide, as JSON, CSV or XLSX.</summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/supervision", BureauAsync).RequireRoles(DirectoryRoles.BureauReaders);
        api.MapGet("/supervision/export.csv", CsvAsync).RequireRoles(DirectoryRoles.BureauReaders);
        api.MapGet("/supervision/export.xlsx", XlsxAsync).RequireRoles(DirectoryRoles.BureauReaders);
        api.MapGet("/schools/{schoolId:guid}/supervision", SchoolAsync).RequireRoles(DirectoryRoles.StaffReaders);
        return api;
    }

    /// <summary>The columns of the exports, in order, with their headings.</summary>
    public static readonly (string Heading, Func<SupervisionRow, object?> Value)[] Columns =
    [
        ("School", r => r.School), ("Code", r => r.Code), ("Level", r => r.Level), ("Urban", r => r.Urban), ("Legal entity", r => r.LegalEntity),
        ("Staffing compliant", r => r.StaffingCompliant), ("Full-time psych teachers", r => r.FullTimePsych),
        ("Required full-time psych teachers", r => r.RequiredFullTimePsych), ("Violations", r => r.Violations),
        ("Teachers", r => r.Teachers), ("C certificate share", r => r.CShare), ("Head teachers", r => r.HeadTeachers),
        ("Head teachers with B", r => r.HeadTeachersWithB), ("Teachers meeting training minimum", r => r.TeachersMeetingTrainingMinimum),
        ("Teachers short of training", r => r.TeachersShortOfTraining), ("Subject-teacher participation", r => r.SubjectParticipationRate),
        ("Workload class hours (term)", r => r.WorkloadClassHours), ("Classes", r => r.Classes),
        ("Classes meeting lesson standard", r => r.ClassesMeetingLessonStandard), ("Students", r => r.Students),
        ("Students without mentor", r => r.StudentsWithoutMentor), ("Mentors over ratio", r => r.MentorsOverRatio),
    ];

    private sealed record Settings(IOptions<ComplianceOptions> Compliance, IOptions<CertificateOptions> Certificates, IOptions<TrainingOptions> Training,
        IOptions<LessonOptions> Lessons, IOptions<MentorGridOptions> Mentors);

    private static async Task<SupervisionView> FiguresAsync(HttpContext http, StaffingDbContext db, SchoolClock clock, Guid? termId, int? schoolYear,
        IReadOnlyCollection<School>? only = null)
    {
        var services = http.RequestServices;
        var compliance = services.GetRequiredService<IOptions<ComplianceOptions>>().Value;
        var certificates = services.GetRequiredService<IOptions<CertificateOptions>>().Value;
        var trainingOptions = services.GetRequiredService<IOptions<TrainingOptions>>().Value;
        var lessons = services.GetRequiredService<IOptions<LessonOptions>>().Value;
        var mentors = services.GetRequiredService<IOptions<MentorGridOptions>>().Value;
        var ct = http.RequestAborted;
        var bureau = only?.First().BureauId ?? StaffingApi.CallerBureau(http);
        var today = clock.Today();
        var year = TrainingApi.SchoolYear(schoolYear, clock, trainingOptions);
        var schools = only ?? await db.Schools.AsNoTracking().Where(s => s.BureauId == bureau).OrderBy(s => s.Code).ToListAsync(ct);
        Term? term = termId is null && !await db.Terms.AnyAsync(t => t.BureauId == bureau && t.StartsOn <= today, ct)
            ? null : await WorkloadApi.TermAsync(db, bureau, termId, clock, ct);

        var bureauCompliance = await StaffingFigures.ComplianceAsync(db, bureau, today, compliance, ct);
        var complianceBySchool = bureauCompliance.SchoolResults.ToDictionary(r => r.SchoolId);
        var coverage = (await StaffingFigures.CoverageAsync(db, bureau, today, certificates, ct)).ToDictionary(c => c.SchoolId);
        var training = (await StaffingFigures.TrainingAsync(db, schools, year, trainingOptions, ct)).ToDictionary(t => t.School.Id, t => t.Training);
        var rows = new List<SupervisionRow>();
        foreach (var school in schools)
        {
            var c = complianceBySchool[school.Id];
            var cov = coverage[school.Id];
            var t = training[school.Id];
            decimal? workload = null;
            List<ClassLessons>? lessonRows = null;
            if (term is not null)
            {
                var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct);
                workload = (await StaffingFigures.WorkloadAsync(db, staff, term, ct)).Sum(w => w.ClassHours);
                lessonRows = await StaffingFigures.LessonsAsync(db, school, term, today, lessons, ct);
            }
            var grid = await StaffingFigures.MentorGridAsync(db, school, mentors, ct);
            rows.Add(new SupervisionRow(school.Id, school.Name, school.Code, school.Level.ToName(), school.IsUrban, school.IsLegalEntity,
                c.Compliant, c.FullTimePsych, c.RequiredFullTimePsych, string.Join("; ", c.Violations),
                cov.Teachers, cov.CShare, cov.HeadTeachers, cov.HeadTeachersWithB,
                t.TeachersMeetingMinimum, t.ShortOfMinimum.Count(), t.SubjectParticipationRate,
                workload, lessonRows?.Count, lessonRows?.Count(l => l.MeetsStandard),
                grid.Students, grid.StudentsWithoutMentor, grid.OverRatio.Count()));
        }
        return new SupervisionView(today, year, term is null ? null : WorkloadApi.ViewOf(term), bureauCompliance.ResearchStaff, bureauCompliance.ResearchStaffPresent,
            bureauCompliance.Compliant, rows.Count, rows.Count(r => r.StaffingCompliant), SupervisionTotals.Of(rows, term is not null), rows);
    }

    private static async Task<Ok<SupervisionView>> BureauAsync(Guid? termId, int? schoolYear, HttpContext http, StaffingDbContext db, SchoolClock clock) =>
        TypedResults.Ok(await FiguresAsync(http, db, clock, termId, schoolYear));

    private static async Task<Results<Ok<SupervisionRow>, NotFound>> SchoolAsync(Guid schoolId, Guid? termId, int? schoolYear, HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        if (await db.ReachableSchoolAsync(http, schoolId) is not { } school) return TypedResults.NotFound();
        return TypedResults.Ok((await FiguresAsync(http, db, clock, termId, schoolYear, [school])).Rows.Single());
    }

    private static async Task<FileContentHttpResult> CsvAsync(Guid? termId, int? schoolYear, HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        var figures = await FiguresAsync(http, db, clock, termId, schoolYear);
        return TypedResults.File(SupervisionExport.ToCsv(figures.Rows), "text/csv; charset=utf-8", $"supervision-{figures.AsOf:yyyy-MM-dd}.csv");
    }

    private static async Task<FileContentHttpResult> XlsxAsync(Guid? termId, int? schoolYear, HttpContext http, StaffingDbContext db, SchoolClock clock)
    {
        var figures = await FiguresAsync(http, db, clock, termId, schoolYear);
        return TypedResults.File(SupervisionExport.ToXlsx(figures.Rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"supervision-{figures.AsOf:yyyy-MM-dd}.xlsx");
    }
}

/// <summary>The supervision table as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese names) and as XLSX.</summary>
public static class SupervisionExport
{
    public static byte[] ToCsv(IReadOnlyCollection<SupervisionRow> rows)
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', SupervisionApi.Columns.Select(c => Field(c.Heading))).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', SupervisionApi.Columns.Select(c => Field(Text(c.Value(row))))).Append("\r\n");
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// RFC 4180 quoting, and a leading ' before a text that a spreadsheet would run as a formula (=, +, -, @, tab, CR),
    /// so a school's name cannot smuggle a formula into a supervisor's spreadsheet.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static byte[] ToXlsx(IReadOnlyCollection<SupervisionRow> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(RowOf(1, SupervisionApi.Columns.Select(c => (object?)c.Heading)));
            uint index = 2;
            foreach (var row in rows) data.Append(RowOf(index++, SupervisionApi.Columns.Select(c => c.Value(row))));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Supervision" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row RowOf(uint index, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + index;
            row.Append(value switch
            {
                null => new Cell { CellReference = reference },
                int or decimal => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Text(value)) },
                bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
                _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!)) },
            });
        }
        return row;
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "yes" : "no",
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture), // 13.00 from the database reads 13
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
