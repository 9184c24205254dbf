using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace XinYu.Records.Import;

/// <summary>A roster's cells by column, with the row number as the spreadsheet shows it (the header is row 1).</summary>
public sealed record RosterRow(int Number, IReadOnlyDictionary<string, string> Cells);

/// <summary>A roster file the reader could not open at all (not the format it claims, no header, unknown headers).</summary>
public sealed class RosterFormatException(string message) : Exception(message);

/// <summary>
/// Reads a roster as school systems export it (CSV in UTF-8 with or without BOM, or the first sheet of an XLSX
/// workbook) into rows keyed by the canonical column names of <see cref="RosterColumns"/>.
/// </summary>
public static class RosterReader
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int MaxRows = 50_000;

    public static (IReadOnlyList<string> Columns, List<RosterRow> Rows) ReadCsv(Stream stream)
    {
        // UTF-8 with or without BOM (UTF-16 by its BOM); the separator is detected (comma, semicolon, tab).
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, MaxRecordSize = 64 * 1024 };
        using var csv = CsvReader.Create(stream, options, false);
        if (!csv.Read())
        {
            var onlyHeader = csv.Headers.ToArray();
            if (onlyHeader.Length == 0) throw new RosterFormatException("The file is empty: the first row must name the columns.");
            var headerOnly = RosterColumns.MapHeader(onlyHeader);
            return (headerOnly.OfType<string>().ToList(), []);
        }
        var columns = RosterColumns.MapHeader(csv.Headers.ToArray());
        var rows = new List<RosterRow>();
        do
        {
            var record = new string[csv.FieldCount];
            for (var i = 0; i < record.Length; i++) record[i] = csv.GetString(i);
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count >= MaxRows) throw new RosterFormatException($"A roster has at most {MaxRows} rows; split the file.");
            rows.Add(new RosterRow((int)csv.LineNumber, Cells(columns, record)));
        }
        while (csv.Read());
        return (columns.OfType<string>().ToList(), rows);
    }

    public static (IReadOnlyList<string> Columns, List<RosterRow> Rows) ReadXlsx(Stream stream)
    {
        SpreadsheetDocument document;
        try { document = SpreadsheetDocument.Open(stream, false); }
        catch (Exception e) when (e is not OutOfMemoryException) { throw new RosterFormatException("The file is not a readable XLSX workbook."); }
        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new RosterFormatException("The workbook has no sheets.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new RosterFormatException("The workbook has no sheets.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            string?[]? columns = null;
            var rows = new List<RosterRow>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2));
                var values = new SortedDictionary<int, string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    values[ColumnIndex(cell.CellReference?.Value, values.Count)] = CellText(cell, shared);
                }
                var record = values.Count == 0 ? [] : Enumerable.Range(0, values.Keys.Max() + 1).Select(i => values.GetValueOrDefault(i, "")).ToArray();
                if (columns is null)
                {
                    if (record.All(string.IsNullOrWhiteSpace)) continue;
                    columns = RosterColumns.MapHeader(record);
                    continue;
                }
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count >= MaxRows) throw new RosterFormatException($"A roster has at most {MaxRows} rows; split the file.");
                rows.Add(new RosterRow(number, Cells(columns, record)));
            }
            if (columns is null) throw new RosterFormatException("The sheet is empty: the first row must name the columns.");
            return (columns.Where(c => c is not null).Select(c => c!).ToList(), rows);
        }
    }

    private static Dictionary<string, string> Cells(string?[] columns, string[] record)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length && i < record.Length; i++)
        {
            if (columns[i] is { } column) cells[column] = record[i].Trim();
        }
        return cells;
    }

    private static string CellText(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < shared.Length ? shared[index] : "";
        }
        return raw;
    }

    /// <summary>"C7" → 2; a cell without a reference follows the previous one.</summary>
    private static int ColumnIndex(string? reference, int fallback)
    {
        if (string.IsNullOrEmpty(reference)) return fallback;
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index == 0 ? fallback : index - 1;
    }
}

/// <summary>The columns a roster may have, each under the headers school systems use (Chinese) or English ones.</summary>
public static class RosterColumns
{
    public const string Name = "name";
    public const string NationalNumber = "nationalStudentNumber";
    public const string Gender = "gender";
    public const string BirthDate = "birthDate";
    public const string Class = "class";
    public const string Grade = "grade";
    public const string Guardian = "guardian";
    public const string Relation = "guardianRelation";
    public const string Phone = "guardianPhone";

    public static readonly IReadOnlyDictionary<string, string[]> Headers = new Dictionary<string, string[]>
    {
        [Name] = ["姓名", "学生姓名", "name", "student name", "studentname"],
        [NationalNumber] = ["学籍号", "全国学籍号", "学籍编号", "national student number", "nationalstudentnumber", "student number", "studentnumber"],
        [Gender] = ["性别", "gender", "sex"],
        [BirthDate] = ["出生日期", "出生年月日", "生日", "birth date", "birthdate", "date of birth", "dateofbirth"],
        [Class] = ["班级", "班级名称", "班级编号", "class", "class name", "classname", "classid", "class id"],
        [Grade] = ["年级", "grade"],
        [Guardian] = ["监护人", "监护人姓名", "家长姓名", "guardian", "guardian name", "guardianname"],
        [Relation] = ["监护人关系", "与学生关系", "关系", "guardian relation", "guardianrelation", "relation", "relationship"],
        [Phone] = ["监护人电话", "监护人手机", "监护人联系电话", "家长电话", "联系电话", "guardian phone", "guardianphone", "phone"],
    };

    public static readonly IReadOnlyList<string> Required = [Name, Gender, BirthDate, Class];

    private static readonly Dictionary<string, string> ByHeader = Headers
        .SelectMany(h => h.Value.Select(alias => (Alias: Normalize(alias), Column: h.Key)))
        .DistinctBy(x => x.Alias)
        .ToDictionary(x => x.Alias, x => x.Column);

    public static string Normalize(string header) =>
        new string(header.Trim().Trim('\uFEFF').Where(c => !char.IsWhiteSpace(c) && c != '_' && c != '-').ToArray()).ToLowerInvariant()
            .Replace('（', '(').Replace('）', ')');

    /// <summary>The canonical column of each header cell (null for a column the roster may carry but we ignore).</summary>
    public static string?[] MapHeader(string[] header)
    {
        var columns = header.Select(h => ByHeader.GetValueOrDefault(Normalize(h))).ToArray();
        var missing = Required.Where(r => !columns.Contains(r)).ToList();
        if (missing.Count > 0)
            throw new RosterFormatException($"The header row lacks required columns: {string.Join(", ", missing.Select(m => $"{Headers[m][0]} ({m})"))}.");
        var twice = columns.OfType<string>().GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new RosterFormatException($"Two columns mean {twice.Key}; keep one.");
        return columns;
    }
}
