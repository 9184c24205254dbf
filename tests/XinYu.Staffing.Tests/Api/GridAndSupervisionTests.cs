using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MassTransit;
using XinYu.Contracts;
using XinYu.Testing;

namespace XinYu.Staffing.Tests.Api;

/// <summary>
/// Psych lessons per class, the mentor grid from Records' roster events, and the supervision figures with their CSV and
/// XLSX exports. Today is 2027-01-15; term 1 of 2026 runs 2026-09-01 to 2027-01-20, so 137 days have passed and
/// ⌊137 / 14⌋ = 9 psych lessons are expected per class.
/// </summary>
public sealed class GridAndSupervisionTests(ClockedStaffingApp app) : IClassFixture<ClockedStaffingApp>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response) => (await JsonAsync(response)).GetProperty("id").GetGuid();

    private sealed record Setup(Guid Bureau, Guid A, Guid B, Guid P1, Guid K, Guid X, Guid Y, Guid Term, List<Guid> StudentsOfA, Guid StudentOfB);

    /// <summary>
    /// School A (code A-…, junior, urban, legal entity): P1 full-time psych, K key + head teacher; classes X (grade 7), Y (grade 8).
    /// School B (code B-…, primary, rural, legal entity): no staff, one student.
    /// Lessons by P1: X 9 in term 1, Y 4 in term 1 and 1 in August (before it). Students: 17 enrolled in X, one of whom
    /// left; one transferred in from B into Y: A has 17 − 1 + 1 = 17.
    /// </summary>
    private async Task<Setup> SetupAsync()
    {
        var bureau = Guid.NewGuid();
        using var bureauAdmin = app.As("bureau-admin", bureau);
        async Task<Guid> School(string code, string level, bool urban) => await CreatedIdAsync(await bureauAdmin.PostAsJsonAsync("/api/staffing/schools", new
        {
            name = code[..1] + "校", code = code + Guid.NewGuid().ToString("N")[..6], level, urban, boarding = false, studentCount = 500, legalEntity = true,
        }));
        var a = await School("A-", "junior", true);
        var b = await School("B-", "primary", false);
        using var adminA = app.As("school-admin", bureau, a);
        var p1 = await CreatedIdAsync(await adminA.PostAsJsonAsync($"/api/staffing/schools/{a}/staff", new { displayName = "心理甲", roles = new[] { "full-time-psych" }, hireDate = "2015-09-01" }));
        var k = await CreatedIdAsync(await adminA.PostAsJsonAsync($"/api/staffing/schools/{a}/staff", new { displayName = "骨干乙", roles = new[] { "key-teacher", "head-teacher" }, hireDate = "2012-09-01" }));
        var x = await CreatedIdAsync(await adminA.PostAsJsonAsync($"/api/staffing/schools/{a}/classes", new { grade = 7, name = "七(1)班", entryYear = 2026 }));
        var y = await CreatedIdAsync(await adminA.PostAsJsonAsync($"/api/staffing/schools/{a}/classes", new { grade = 8, name = "八(1)班", entryYear = 2025 }));

        var bus = await app.BusAsync();
        var term = Guid.NewGuid();
        var events = new List<IntegrationEvent> { new TermScheduled { BureauId = bureau, TermId = term, SchoolYear = 2026, Number = 1, StartsOn = new(2026, 9, 1), EndsOn = new(2027, 1, 20) } };
        ActivityHeld Lesson(Guid @class, DateOnly on) => new()
        {
            BureauId = bureau, SchoolId = a, ActivityId = Guid.NewGuid(), Kind = "psych-lesson", HeldOn = on, DurationMinutes = 40, PresenterStaffIds = [p1], ClassId = @class,
        };
        events.AddRange(Enumerable.Range(0, 9).Select(i => Lesson(x, new DateOnly(2026, 9, 7).AddDays(14 * i))));
        events.AddRange(Enumerable.Range(0, 4).Select(i => Lesson(y, new DateOnly(2026, 9, 8).AddDays(14 * i))));
        events.Add(Lesson(y, new DateOnly(2026, 8, 28)));
        var studentsOfA = Enumerable.Range(0, 17).Select(_ => Guid.NewGuid()).ToList();
        events.AddRange(studentsOfA.Select(s => new StudentEnrolled { BureauId = bureau, SchoolId = a, StudentId = s, ClassId = x, Grade = 7 }));
        var studentOfB = Guid.NewGuid();
        var movingStudent = Guid.NewGuid();
        events.Add(new StudentEnrolled { BureauId = bureau, SchoolId = b, StudentId = studentOfB, ClassId = Guid.NewGuid(), Grade = 3 });
        events.Add(new StudentEnrolled { BureauId = bureau, SchoolId = b, StudentId = movingStudent, ClassId = Guid.NewGuid(), Grade = 8 });
        await PublishAndWaitAsync(bus, events);
        // Then (so the order is certain): one of A's students leaves, and B's second student moves to A's class Y.
        var leaving = studentsOfA[^1];
        await PublishAndWaitAsync(bus, [
            new StudentLeft { BureauId = bureau, SchoolId = a, StudentId = leaving, Reason = "moved-out" },
            new StudentTransferred { BureauId = bureau, SchoolId = a, StudentId = movingStudent, FromSchoolId = b, ClassId = y, Grade = 8 },
        ]);
        studentsOfA.Remove(leaving);
        studentsOfA.Add(movingStudent);
        return new Setup(bureau, a, b, p1, k, x, y, term, studentsOfA, studentOfB);
    }

    private async Task PublishAndWaitAsync(IBus bus, IReadOnlyList<IntegrationEvent> events)
    {
        foreach (var e in events) await bus.Publish((object)e, e.GetType(), ctx => ctx.MessageId = e.MessageId);
        await Eventually.AssertAsync(() => events.All(e => app.Deliveries.Count(e.MessageId) >= 1), TimeSpan.FromSeconds(60), "every event consumed");
    }

    [Fact]
    public async Task Lessons_per_class_against_one_every_two_weeks()
    {
        var s = await SetupAsync();

        var lessons = await JsonAsync(await app.As("counsellor", s.Bureau, s.A).GetAsync($"/api/staffing/schools/{s.A}/lessons?termId={s.Term}"));

        // 137 days → 9 expected. X: 9 given → meets. Y: 4 in the term (the August one is before it) → short 5.
        Assert.Equal(9, lessons.GetProperty("expected").GetInt32());
        var rows = lessons.GetProperty("classResults").EnumerateArray().ToDictionary(c => c.GetProperty("classId").GetGuid());
        Assert.Equal((9, 0, true), (rows[s.X].GetProperty("given").GetInt32(), rows[s.X].GetProperty("short").GetInt32(), rows[s.X].GetProperty("meetsStandard").GetBoolean()));
        Assert.Equal((4, 5, false), (rows[s.Y].GetProperty("given").GetInt32(), rows[s.Y].GetProperty("short").GetInt32(), rows[s.Y].GetProperty("meetsStandard").GetBoolean()));
        Assert.Equal((2, 1), (lessons.GetProperty("classes").GetInt32(), lessons.GetProperty("classesMeetingStandard").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.As("counsellor", s.Bureau, s.B).GetAsync($"/api/staffing/schools/{s.A}/lessons")).StatusCode);
    }

    [Fact]
    public async Task Work_another_school_reports_naming_this_schools_teacher_or_class_counts_for_neither()
    {
        // Issue 15, point 13: school B cannot inflate A's workload or lesson count by naming A's teacher or class.
        var s = await SetupAsync();
        using var adminA = app.As("school-admin", s.Bureau, s.A);
        async Task<(decimal Hours, int Given)> FiguresAsync()
        {
            var workload = await JsonAsync(await adminA.GetAsync($"/api/staffing/schools/{s.A}/workload?termId={s.Term}"));
            var lessons = await JsonAsync(await adminA.GetAsync($"/api/staffing/schools/{s.A}/lessons?termId={s.Term}"));
            return (workload.GetProperty("teachers").EnumerateArray().Single(t => t.GetProperty("staffId").GetGuid() == s.P1).GetProperty("classHours").GetDecimal(),
                lessons.GetProperty("classResults").EnumerateArray().Single(c => c.GetProperty("classId").GetGuid() == s.X).GetProperty("given").GetInt32());
        }
        var before = await FiguresAsync();

        await PublishAndWaitAsync(await app.BusAsync(), [
            new ActivityHeld { BureauId = s.Bureau, SchoolId = s.B, ActivityId = Guid.NewGuid(), Kind = "psych-lesson", HeldOn = new(2026, 10, 9), DurationMinutes = 40,
                PresenterStaffIds = [s.P1], ClassId = s.X },
            new CounsellingSessionHeld { BureauId = s.Bureau, SchoolId = s.B, SessionId = Guid.NewGuid(), CounsellorStaffId = s.P1, Kind = "individual",
                HeldOn = new(2026, 10, 9), DurationMinutes = 45, StudentIds = [s.StudentOfB] },
        ]);

        Assert.Equal(before, await FiguresAsync());
    }

    [Fact]
    public async Task The_mentor_grid_follows_the_roster_and_the_school_admin_assigns_mentors()
    {
        var s = await SetupAsync();
        using var adminA = app.As("school-admin", s.Bureau, s.A);

        // Before any assignment: 17 students, none mentored; ⌈17 / 15⌉ = 2 mentors needed.
        var empty = await JsonAsync(await adminA.GetAsync($"/api/staffing/schools/{s.A}/mentor-grid"));
        Assert.Equal((17, 17, 2), (empty.GetProperty("students").GetInt32(), empty.GetProperty("studentsWithoutMentor").GetInt32(), empty.GetProperty("mentorsNeeded").GetInt32()));
        Assert.Equal(s.StudentsOfA.Order(), empty.GetProperty("withoutMentor").EnumerateArray().Select(e => e.GetGuid()).Order());

        // P1 takes 16 (over 15); one student has none.
        var grid = await JsonAsync(await adminA.PutAsJsonAsync($"/api/staffing/schools/{s.A}/mentors/{s.P1}/students", new { studentIds = s.StudentsOfA.Take(16) }));
        Assert.Equal((16, 1), (grid.GetProperty("studentsWithMentor").GetInt32(), grid.GetProperty("studentsWithoutMentor").GetInt32()));
        var over = Assert.Single(grid.GetProperty("overRatio").EnumerateArray());
        Assert.Equal((s.P1, 16), (over.GetProperty("staffId").GetGuid(), over.GetProperty("students").GetInt32()));

        // K takes the last student and one of P1's: P1 15 (not over), K 2, nobody without.
        grid = await JsonAsync(await adminA.PutAsJsonAsync($"/api/staffing/schools/{s.A}/mentors/{s.K}/students", new { studentIds = new[] { s.StudentsOfA[16], s.StudentsOfA[0] } }));
        Assert.Equal(0, grid.GetProperty("studentsWithoutMentor").GetInt32());
        Assert.Empty(grid.GetProperty("overRatio").EnumerateArray());
        Assert.Equal([(s.P1, 15), (s.K, 2)], grid.GetProperty("mentors").EnumerateArray().Select(m => (m.GetProperty("staffId").GetGuid(), m.GetProperty("students").GetInt32())));

        // Another school's student is refused by position, and nothing changes.
        using var refused = await adminA.PutAsJsonAsync($"/api/staffing/schools/{s.A}/mentors/{s.K}/students", new { studentIds = new[] { s.StudentsOfA[16], s.StudentOfB } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("studentIds[1]", out _));
        Assert.Equal(2, await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Mentorships, m => m.StaffId == s.K)));
        // Only the school admin assigns; a mentor role may not.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("mentor", s.Bureau, s.A).PutAsJsonAsync($"/api/staffing/schools/{s.A}/mentors/{s.K}/students", new { studentIds = Array.Empty<Guid>() })).StatusCode);
    }

    [Fact]
    public async Task Supervision_figures_combine_everything_and_export_as_csv_and_an_xlsx_that_reads_back()
    {
        var s = await SetupAsync();
        await JsonAsync(await app.As("school-admin", s.Bureau, s.A).PutAsJsonAsync($"/api/staffing/schools/{s.A}/mentors/{s.P1}/students", new { studentIds = s.StudentsOfA.Take(16) }));
        using var officer = app.As("bureau-officer", s.Bureau);

        var figures = await JsonAsync(await officer.GetAsync($"/api/staffing/supervision?termId={s.Term}"));

        // A: junior urban needs 1 full-time, has 1 → compliant. Teachers 2, no certificates → C share 0. Training: none →
        // both short. Workload: P1 presented 9 + 4 lessons in term 1 = 13 class hours. Lessons: 1 of 2 classes meet.
        // Students 17, 1 without a mentor, P1 over the ratio (16).
        // B: primary, rural, legal entity, no full-time psych teacher, deadline 2026-12-31 passed → not compliant.
        // No research staff → the bureau is not compliant.
        var rows = figures.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([s.A, s.B], rows.Select(r => r.GetProperty("schoolId").GetGuid()));
        var a = rows[0];
        Assert.True(a.GetProperty("staffingCompliant").GetBoolean());
        Assert.Equal((2, 0m, 2), (a.GetProperty("teachers").GetInt32(), a.GetProperty("cShare").GetDecimal(), a.GetProperty("teachersShortOfTraining").GetInt32()));
        Assert.Equal(13m, a.GetProperty("workloadClassHours").GetDecimal());
        Assert.Equal((2, 1), (a.GetProperty("classes").GetInt32(), a.GetProperty("classesMeetingLessonStandard").GetInt32()));
        Assert.Equal((17, 1, 1), (a.GetProperty("students").GetInt32(), a.GetProperty("studentsWithoutMentor").GetInt32(), a.GetProperty("mentorsOverRatio").GetInt32()));
        Assert.False(rows[1].GetProperty("staffingCompliant").GetBoolean());
        Assert.False(figures.GetProperty("researchStaffPresent").GetBoolean());
        Assert.Equal((2, 1), (figures.GetProperty("schools").GetInt32(), figures.GetProperty("compliantSchools").GetInt32()));
        // Bureau sums: full-time 1 of required 1 (A, junior) + 1 (B, primary) = 2; students 17 + 1 = 18, without mentor 1 + 1 = 2.
        var totals = figures.GetProperty("totals");
        Assert.Equal((1, 2), (totals.GetProperty("fullTimePsych").GetInt32(), totals.GetProperty("requiredFullTimePsych").GetInt32()));
        Assert.Equal((18, 2, 13m), (totals.GetProperty("students").GetInt32(), totals.GetProperty("studentsWithoutMentor").GetInt32(), totals.GetProperty("workloadClassHours").GetDecimal()));

        // The school admin sees its own school's row only.
        var own = await JsonAsync(await app.As("school-admin", s.Bureau, s.A).GetAsync($"/api/staffing/schools/{s.A}/supervision?termId={s.Term}"));
        Assert.Equal(13m, own.GetProperty("workloadClassHours").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("school-admin", s.Bureau, s.A).GetAsync("/api/staffing/supervision/export.xlsx")).StatusCode);

        // CSV: a header and one line per school, UTF-8 with a BOM.
        using var csvResponse = await officer.GetAsync($"/api/staffing/supervision/export.csv?termId={s.Term}");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csvBytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csvBytes[..3]);
        var lines = Encoding.UTF8.GetString(csvBytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("School,Code,Level,", lines[0]);
        Assert.StartsWith("A校,A-", lines[1]);

        // XLSX: opens with OpenXml; the cells hold the same figures.
        using var xlsxResponse = await officer.GetAsync($"/api/staffing/supervision/export.xlsx?termId={s.Term}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync()), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");
        string Column(string heading) => XinYu.Staffing.Apis.SupervisionExport.ColumnName(Array.FindIndex(XinYu.Staffing.Apis.SupervisionApi.Columns, c => c.Heading == heading));
        Assert.Equal("School", cells["A1"]);
        Assert.Equal("A校", cells["A2"]);
        Assert.Equal("B校", cells["A3"]);
        Assert.Equal("13", cells[Column("Workload class hours (term)") + "2"]);
        Assert.Equal("17", cells[Column("Students") + "2"]);
        Assert.Equal("1", cells[Column("Staffing compliant") + "2"]);
        Assert.Equal("0", cells[Column("Staffing compliant") + "3"]);
        Assert.Equal("1", cells[Column("Classes meeting lesson standard") + "2"]);
        Assert.Equal(3, sheet.Descendants<Row>().Count());
    }
}
