using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace XinYu.Records.Tests.Api;

/// <summary>
/// Issue #15, point 2: a roster upload cannot make Records inflate, allocate or parse more than its limits
/// (Records:RosterImport). Each refusal is quick, names the limit, stores nothing, and leaves the service answering.
/// </summary>
public sealed class RosterLimitsTests(RecordsApp app) : IClassFixture<RecordsApp>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Header =
        """<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>性别</t></is></c>"""
        + """<c r="C1" t="inlineStr"><is><t>出生日期</t></is></c><c r="D1" t="inlineStr"><is><t>班级</t></is></c></row>""";

    [Fact]
    public async Task A_zip_bomb_is_400_naming_MaxCompressionRatio_at_once_and_the_service_still_imports()
    {
        // ~200 KiB that inflates to 200 MiB: the upload that took both cores and 16 GB for 100 s before the fix.
        var bomb = Xlsx(sheet =>
        {
            sheet.Write(Encoding.UTF8.GetBytes("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + Header));
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (var i = 0; i < 200; i++) sheet.Write(spaces);
            sheet.Write("</sheetData></worksheet>"u8);
        });
        Assert.InRange(bomb.Length, 100_000, 400_000);

        await AssertRefusedQuicklyAndStillHealthyAsync(bomb, HttpStatusCode.BadRequest, "MaxCompressionRatio");
    }

    [Fact]
    public async Task A_sheet_inflating_past_50_MiB_at_a_modest_ratio_is_413_naming_MaxUncompressedBytes()
    {
        // Under the ratio limit (about 1:40) and under the upload limit, but 60 MiB of XML once inflated.
        var random = new Random(15);
        var large = Xlsx(sheet =>
        {
            sheet.Write(Encoding.UTF8.GetBytes("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + Header));
            var chunk = new byte[4096];
            for (var i = 0; i < 60 * 256; i++)
            {
                chunk.AsSpan().Fill((byte)' ');
                "<!--"u8.CopyTo(chunk);
                for (var j = 4; j < 164; j++) chunk[j] = (byte)"0123456789abcdef"[random.Next(16)];
                "-->"u8.CopyTo(chunk.AsSpan(chunk.Length - 3));
                sheet.Write(chunk);
            }
            sheet.Write("</sheetData></worksheet>"u8);
        });
        Assert.InRange(large.Length, 60 * 1024 * 1024 / 100, 10 * 1024 * 1024);

        // This one does the limit's worth of work (50 MiB inflated and parsed) before it is refused: a looser guard.
        await AssertRefusedQuicklyAndStillHealthyAsync(large, HttpStatusCode.RequestEntityTooLarge, "MaxUncompressedBytes", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_cell_at_FXSHRXW1_is_400_naming_MaxColumns_without_allocating_the_row()
    {
        var far = Xlsx(sheet => sheet.Write(Encoding.UTF8.GetBytes(
            """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">"""
            + """<c r="FXSHRXW1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData></worksheet>""")));

        await AssertRefusedQuicklyAndStillHealthyAsync(far, HttpStatusCode.BadRequest, "MaxColumns");
    }

    [Theory]
    [InlineData("content-length")]
    [InlineData("chunked")] // no Content-Length: the bytes read are counted
    [InlineData("multipart")]
    public async Task An_upload_over_10_MiB_is_413_naming_MaxUploadBytes(string how)
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        var csv = Encoding.UTF8.GetBytes(RecordsKit.RosterHeader + "\r\n" + string.Concat(Enumerable.Repeat("张三,,女,2013-05-17,七(9)班,,,\r\n", 400_000)));
        Assert.True(csv.Length > 10 * 1024 * 1024);
        HttpContent content = how switch
        {
            "content-length" => new ByteArrayContent(csv),
            "chunked" => new StreamContent(new UnseekableStream(csv)),
            _ => new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "roster.csv" } },
        };
        if (how != "multipart") content.Headers.ContentType = new("text/csv");

        using var response = await admin.PostAsync($"/api/records/schools/{school.School}/roster", content);

        await AssertLimitAsync(response, HttpStatusCode.RequestEntityTooLarge, "MaxUploadBytes");
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school.School)));
    }

    [Fact]
    public async Task A_csv_of_50001_rows_is_400_naming_MaxRows_and_one_of_65_columns_400_naming_MaxColumns()
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        var rows = Enumerable.Range(0, 50_001).Select(i => RecordsKit.Row($"学生{i}", "", TestSchool.ClassAName));
        await AssertLimitAsync(await admin.PostAsync($"/api/records/schools/{school.School}/roster", RecordsKit.Csv(rows)),
            HttpStatusCode.BadRequest, "MaxRows");

        var wide = RecordsKit.RosterHeader + string.Concat(Enumerable.Range(0, 57).Select(i => $",extra{i}"));
        await AssertLimitAsync(await admin.PostAsync($"/api/records/schools/{school.School}/roster",
            RecordsKit.Csv([RecordsKit.Row("李四", "", TestSchool.ClassAName)], wide)), HttpStatusCode.BadRequest, "MaxColumns");
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school.School)));
    }

    private async Task AssertRefusedQuicklyAndStillHealthyAsync(byte[] xlsx, HttpStatusCode status, string setting, TimeSpan? within = null)
    {
        var school = await app.SchoolAsync();
        using var admin = app.As("school-admin", school.Bureau, school.School);
        var content = new ByteArrayContent(xlsx);
        content.Headers.ContentType = new(XlsxType);

        var watch = Stopwatch.StartNew();
        using var response = await admin.PostAsync($"/api/records/schools/{school.School}/roster", content);
        watch.Stop();

        await AssertLimitAsync(response, status, setting);
        // A guard, not a benchmark: unbounded, this upload held both cores for 100 s and more; refused, it takes well
        // under a second on a quiet machine, and 5 s leaves room for a loaded two-core CI runner.
        Assert.True(watch.Elapsed < (within ?? TimeSpan.FromSeconds(5)), $"refused after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school.School)));

        // Still healthy: an ordinary roster imports right after, as CSV and as XLSX.
        var csv = await (await admin.PostAsync($"/api/records/schools/{school.School}/roster",
            RecordsKit.Csv([RecordsKit.Row("王小明", RecordsKit.Number(), TestSchool.ClassAName)]))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, csv.GetProperty("enrolled").GetInt32());
        var ordinary = new ByteArrayContent(Xlsx(sheet => sheet.Write(Encoding.UTF8.GetBytes(
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + Header
            + $"""<row r="2"><c r="A2" t="inlineStr"><is><t>李小红</t></is></c><c r="B2" t="inlineStr"><is><t>女</t></is></c>"""
            + $"""<c r="C2" t="inlineStr"><is><t>2013-05-17</t></is></c><c r="D2" t="inlineStr"><is><t>{TestSchool.ClassBName}</t></is></c></row>"""
            + "</sheetData></worksheet>"))));
        ordinary.Headers.ContentType = new(XlsxType);
        var xlsxReport = await (await admin.PostAsync($"/api/records/schools/{school.School}/roster", ordinary)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, xlsxReport.GetProperty("enrolled").GetInt32());
    }

    private static async Task AssertLimitAsync(HttpResponseMessage response, HttpStatusCode status, string setting)
    {
        var problem = await response.JsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"Records:RosterImport:{setting}", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
    }

    /// <summary>The smallest XLSX package Excel and the OpenXml SDK open: one sheet, written by <paramref name="writeSheet"/>.</summary>
    internal static byte[] Xlsx(Action<Stream> writeSheet)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(xml));
            }
            Part("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>
                """);
            Part("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """);
            Part("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                </Relationships>
                """);
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            writeSheet(sheet);
        }
        return buffer.ToArray();
    }

    /// <summary>A body whose length HttpClient cannot know, so it is sent chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
