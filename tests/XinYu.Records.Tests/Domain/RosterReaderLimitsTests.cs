using System.Text;
using XinYu.Records.Import;
using XinYu.Records.Tests.Api;

namespace XinYu.Records.Tests.Domain;

/// <summary>The reader's limits without HTTP, with limits small enough to pass cheaply.</summary>
[Trait("Category", "Unit")]
public sealed class RosterReaderLimitsTests
{
    private const string Head = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    private const string Tail = "</sheetData></worksheet>";
    private static readonly RosterImportOptions Small = new() { MaxUncompressedBytes = 4 * 1024 * 1024, MaxRows = 2, MaxColumns = 4 };

    private static string Row(int number, params string[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select((c, i) => $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{c}</t></is></c>")) + "</row>";

    private static byte[] Sheet(string rows, int padding = 0) => RosterLimitsTests.Xlsx(sheet =>
    {
        sheet.Write(Encoding.UTF8.GetBytes(Head + rows));
        sheet.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        sheet.Write(Encoding.UTF8.GetBytes(Tail));
    });

    private static readonly string Header = Row(1, "姓名", "性别", "出生日期", "班级");

    [Fact]
    public void Rows_and_columns_up_to_the_limits_read()
    {
        var (columns, rows) = RosterReader.ReadXlsx(new MemoryStream(Sheet(Header + Row(2, "甲", "男", "2013-01-01", "七(1)班") + Row(3, "乙", "女", "2013-01-02", "七(1)班"))), Small);
        Assert.Equal(4, columns.Count);
        Assert.Equal(["甲", "乙"], rows.Select(r => r.Cells[RosterColumns.Name]));
    }

    [Fact]
    public void One_row_or_one_column_more_is_refused_naming_the_limit()
    {
        var rows = Assert.Throws<RosterLimitException>(() => RosterReader.ReadXlsx(new MemoryStream(
            Sheet(Header + Row(2, "甲", "男", "2013-01-01", "七(1)班") + Row(3, "乙", "女", "2013-01-02", "七(1)班") + Row(4, "丙", "女", "2013-01-03", "七(1)班"))), Small));
        Assert.Equal((400, "The roster passes the limit Records:RosterImport:MaxRows (2 rows)."), (rows.Status, rows.Title));

        var columns = Assert.Throws<RosterLimitException>(() => RosterReader.ReadXlsx(new MemoryStream(
            Sheet(Row(1, "姓名", "性别", "出生日期", "班级", "备注"))), Small));
        Assert.Equal(400, columns.Status);
        Assert.Contains("MaxColumns", columns.Title);
        Assert.Contains("E1", columns.Message);
    }

    [Fact]
    public void A_sheet_past_the_ratio_is_400_and_one_past_the_uncompressed_size_413()
    {
        // 8 MiB of spaces compress about 1000:1: the ratio trips first, long before the 4 MiB total would.
        var ratio = Assert.Throws<RosterLimitException>(() => RosterReader.ReadXlsx(new MemoryStream(Sheet(Header, 8 << 20)), Small));
        Assert.Equal(400, ratio.Status);
        Assert.Contains("MaxCompressionRatio (100:1)", ratio.Title);

        var generous = new RosterImportOptions { MaxUncompressedBytes = 4 * 1024 * 1024, MaxCompressionRatio = 10_000 };
        var size = Assert.Throws<RosterLimitException>(() => RosterReader.ReadXlsx(new MemoryStream(Sheet(Header, 8 << 20)), generous));
        Assert.Equal((413, $"The roster passes the limit Records:RosterImport:MaxUncompressedBytes ({4 * 1024 * 1024} bytes)."), (size.Status, size.Title));
    }

    [Fact]
    public void A_doctype_is_not_a_readable_workbook()
    {
        // An entity could expand without a byte more being inflated, so no DTD is read at all.
        var laughs = RosterLimitsTests.Xlsx(sheet => sheet.Write(Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + Head + Tail)));
        Assert.Throws<RosterFormatException>(() => RosterReader.ReadXlsx(new MemoryStream(laughs), Small));
    }
}
