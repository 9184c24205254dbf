using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace XinYu.Records.Tests.Api;

/// <summary>Roster import (CSV and XLSX) against the real PostgreSQL: what is stored, what is reported, what is published.</summary>
public sealed class RosterImportTests(RecordsApp app, ITestOutputHelper output) : IClassFixture<RecordsApp>
{
    private static List<string> Roster(int count, params int[] badRows)
    {
        // badRows are spreadsheet row numbers (the header is row 1): gender, birth date and class are broken in turn.
        var rows = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var rowNumber = i + 2;
            var index = Array.IndexOf(badRows, rowNumber);
            rows.Add(index switch
            {
                0 => RecordsKit.Row($"学生{i}", RecordsKit.Number(), TestSchool.ClassAName, gender: "未知"),
                1 => RecordsKit.Row($"学生{i}", RecordsKit.Number(), TestSchool.ClassBName, birth: "2013-13-45"),
                2 => RecordsKit.Row($"学生{i}", RecordsKit.Number(), "九(9)班"),
                _ => RecordsKit.Row($"学生{i}", $"G{i:D17}{Random.Shared.Next(10, 99)}", i % 2 == 0 ? TestSchool.ClassAName : TestSchool.ClassBName),
            });
        }
        return rows;
    }

    [Fact]
    public async Task A_10000_row_roster_with_three_bad_rows_reports_exactly_those_rows_and_all_or_nothing_stores_none()
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);

        using var response = await admin.PostAsync($"/api/records/schools/{school.School}/roster", RecordsKit.Csv(Roster(10_000, 17, 5000, 10_001)));

        var problem = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        var rejections = problem.GetProperty("report").GetProperty("rejections").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString())).ToList();
        Assert.Equal([(17, "gender"), (5000, "birthDate"), (10_001, "class")], rejections);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rows[17].gender", out _));
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school.School)));
    }

    [Fact]
    public async Task Row_by_row_stores_the_9997_good_rows_of_10000_and_publishes_one_StudentEnrolled_each()
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        var before = (await app.OutboxAsync("StudentEnrolled")).Count;

        var watch = Stopwatch.StartNew();
        using var response = await admin.PostAsync($"/api/records/schools/{school.School}/roster?mode=row-by-row", RecordsKit.Csv(Roster(10_000, 2, 3333, 9999)));
        watch.Stop();

        var report = await response.JsonAsync(HttpStatusCode.OK);
        output.WriteLine($"10,000 rows in {watch.ElapsedMilliseconds} ms: {10_000 / watch.Elapsed.TotalSeconds:0} rows/s (informational, not asserted)");
        Assert.Equal(9_997, report.GetProperty("enrolled").GetInt32());
        Assert.Equal([2, 3333, 9999], report.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(9_997, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school.School)));
        Assert.Equal(9_997, await app.QueryAsync(db => db.Guardians.CountAsync(g => db.Students.Any(s => s.Id == g.StudentId && s.SchoolId == school.School))));
        Assert.Equal(9_997, (await app.OutboxAsync("StudentEnrolled")).Count - before);
    }

    [Fact]
    public async Task Guardian_phones_are_encrypted_at_rest_and_read_back_in_the_file()
    {
        var school = await app.SchoolAsync();
        var student = (await app.EnrolAsync(school, "陈小雨")).Single();

        var stored = await app.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT phone AS \"Value\" FROM guardians WHERE student_id = {student.Id}").SingleAsync());
        Assert.DoesNotContain("13812345678", stored);
        using var counsellor = app.As("counsellor", school.Bureau, school.School);
        var file = await (await counsellor.GetAsync($"/api/records/students/{student.Id}/file")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("13812345678", file.GetProperty("guardians")[0].GetProperty("phone").GetString());
        Assert.Equal("father", file.GetProperty("guardians")[0].GetProperty("relation").GetString());
    }

    [Fact]
    public async Task Reimporting_matches_known_students_by_national_number_and_publishes_a_class_change()
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        var number = RecordsKit.Number();
        (await (await admin.PostAsync($"/api/records/schools/{school.School}/roster", RecordsKit.Csv([RecordsKit.Row("李明", number, TestSchool.ClassAName)])))
            .JsonAsync(HttpStatusCode.OK)).GetProperty("enrolled").GetInt32();

        var report = await (await admin.PostAsync($"/api/records/schools/{school.School}/roster",
            RecordsKit.Csv([RecordsKit.Row("李明", number.ToLowerInvariant(), TestSchool.ClassBName)]))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((0, 1), (report.GetProperty("enrolled").GetInt32(), report.GetProperty("classChanged").GetInt32()));
        var student = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.SchoolId == school.School));
        Assert.Equal(school.ClassB, student.ClassId);
        var changed = (await app.OutboxAsync("StudentClassChanged")).Where(m => m.AggregateKey == $"student:{student.Id}").ToList();
        Assert.Equal(school.ClassB, JsonDocument.Parse(Assert.Single(changed).Payload).RootElement.GetProperty("classId").GetGuid());
        Assert.Equal(1, await app.QueryAsync(db => db.Guardians.CountAsync(g => g.StudentId == student.Id))); // the same guardian, not again
    }

    [Fact]
    public async Task An_xlsx_roster_with_english_headers_and_date_serials_imports()
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        var xlsx = Workbook(
            ["Name", "National student number", "Gender", "Birth date", "Class", "Guardian", "Guardian relation", "Guardian phone"],
            ["Zhang Wei", RecordsKit.Number(), "male", "41000", school.ClassB.ToString(), "Zhang San", "mother", "021-62345678"],
            ["刘洋", "", "女", "2014/02/03", TestSchool.ClassAName, "", "", ""]);
        var content = new ByteArrayContent(xlsx);
        content.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var report = await (await admin.PostAsync($"/api/records/schools/{school.School}/roster", content)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, report.GetProperty("enrolled").GetInt32());
        var students = await app.QueryAsync(db => db.Students.AsNoTracking().Where(s => s.SchoolId == school.School).OrderBy(s => s.Name).ToListAsync());
        var zhang = students.Single(s => s.Name == "Zhang Wei");
        Assert.Equal((new DateOnly(2012, 4, 1), school.ClassB, "male"), (zhang.BirthDate, zhang.ClassId, zhang.Gender));
        Assert.Null(students.Single(s => s.Name == "刘洋").NationalNumber);
    }

    [Theory]
    [InlineData("姓名,性别,出生日期\r\n张三,男,2013-01-01", "file")] // no class column
    [InlineData("", "file")]
    public async Task A_roster_that_cannot_be_read_is_400_naming_the_file(string csv, string field)
    {
        var school = await app.SchoolAsync();
        using var response = await app.As("school-admin", school.Bureau, school.School)
            .PostAsync($"/api/records/schools/{school.School}/roster", new StringContent(csv, Encoding.UTF8, "text/csv"));
        await response.AssertRejectedAsync(field);
    }

    [Fact]
    public async Task A_json_body_is_415_and_an_unknown_mode_is_400()
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        await (await admin.PostAsync($"/api/records/schools/{school.School}/roster", new StringContent("{}", Encoding.UTF8, "application/json")))
            .AssertRejectedAsync("file", HttpStatusCode.UnsupportedMediaType);
        await (await admin.PostAsync($"/api/records/schools/{school.School}/roster?mode=some", RecordsKit.Csv([])))
            .AssertRejectedAsync("mode");
    }

    [Fact]
    public async Task Another_schools_admin_gets_404_and_a_head_teacher_403()
    {
        var school = await app.SchoolAsync();
        var other = await app.SchoolAsync(school.Bureau);
        var csv = RecordsKit.Csv([RecordsKit.Row("赵六", RecordsKit.Number(), TestSchool.ClassAName)]);
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.As("school-admin", school.Bureau, other.School).PostAsync($"/api/records/schools/{school.School}/roster", csv)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await app.As("head-teacher", school.Bureau, school.School, school.ClassA).PostAsync($"/api/records/schools/{school.School}/roster", csv)).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school.School)));
    }

    [Fact]
    public async Task A_number_held_at_another_school_of_the_bureau_is_refused_without_saying_so()
    {
        // Issue #15, point 14: the report used to say the file "is at another school of the bureau", which let any
        // school admin learn that a child is enrolled elsewhere by trying 学籍号s.
        var holder = await app.SchoolAsync();
        var school = await app.SchoolAsync(holder.Bureau);
        var number = RecordsKit.Number();
        await (await app.As("school-admin", holder.Bureau, holder.School).PostAsync($"/api/records/schools/{holder.School}/roster",
            RecordsKit.Csv([RecordsKit.Row("周小北", number, TestSchool.ClassAName)]))).JsonAsync(HttpStatusCode.OK);

        var report = await (await app.As("school-admin", school.Bureau, school.School).PostAsync(
            $"/api/records/schools/{school.School}/roster?mode=row-by-row", RecordsKit.Csv([RecordsKit.Row("周小北", number, TestSchool.ClassAName)])))
            .JsonAsync(HttpStatusCode.OK);

        var rejection = Assert.Single(report.GetProperty("rejections").EnumerateArray());
        Assert.Equal("nationalStudentNumber", rejection.GetProperty("field").GetString());
        var reason = rejection.GetProperty("reason").GetString()!;
        Assert.Equal("This student number cannot be used; contact the bureau if the student is transferring.", reason);
        Assert.DoesNotContain("school", reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("移交", reason);
        Assert.DoesNotContain(holder.School.ToString(), report.ToString());
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school.School)));
    }

    private static byte[] Workbook(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    var value = rows[r][c];
                    if (value.Length == 0) continue;
                    row.Append(value.All(char.IsAsciiDigit) && value.Length < 6
                        ? new Cell { CellReference = reference, CellValue = new CellValue(value), DataType = CellValues.Number }
                        : new Cell { CellReference = reference, InlineString = new InlineString(new Text(value)), DataType = CellValues.InlineString });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "花名册" });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}
