using CsvHelper;

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

    /// <summary>The stream is the upload, already bounded by MaxUploadBytes; rows and columns are bounded here.</summary>
    public static (IReadOnlyList<string> Columns, List<RosterRow> Rows) ReadCsv(Stream stream, RosterImportOptions limits)
    {
        // UTF-8 with or without BOM (UTF-16 by its BOM); the separator is detected (comma, semicolon, tab).
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, MaxRecordSize = 64 * 1024 };
        using var csv = CsvReader.Create(stream, options, false);
        if (!csv.Read())
        {
            var onlyHeader = csv.Headers.ToArray();
            if (onlyHeader.Length > limits.MaxColumns) throw RosterLimitException.TooManyColumns(limits, "the header");
            if (onlyHeader.Length == 0) throw new RosterFormatException("The file is empty: the first row must name the columns.");
            var headerOnly = RosterColumns.MapHeader(onlyHeader);
            return (headerOnly.OfType<string>().ToList(), []);
        }
        var header = csv.Headers.ToArray();
        if (header.Length > limits.MaxColumns) throw RosterLimitException.TooManyColumns(limits, "the header");
        var columns = RosterColumns.MapHeader(header);
        var rows = new List<RosterRow>();
        do
        {
            if (csv.FieldCount > limits.MaxColumns) throw RosterLimitException.TooManyColumns(limits, $"line {csv.LineNumber}");
            var record = new string[csv.FieldCount];
            for (var i = 0; i < record.Length; i++) record[i] = csv.GetString(i);
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count >= limits.MaxRows) throw RosterLimitException.TooManyRows(limits);
            rows.Add(new RosterRow((int)csv.LineNumber, Cells(columns, record)));
        }
        while (csv.Read());
        return (columns.OfType<string>().ToList(), rows);
    }

    public static (IReadOnlyList<string> Columns, List<RosterRow> Rows) ReadXlsx(Stream stream, RosterImportOptions limits)
    {
        string?[]? columns = null;
        var rows = new List<RosterRow>();
        XlsxSheetReader.Read(stream, limits, (number, record) =>
        {
            if (record.All(string.IsNullOrWhiteSpace)) return;
            if (columns is null)
            {
                columns = RosterColumns.MapHeader(record);
                return;
            }
            if (rows.Count >= limits.MaxRows) throw RosterLimitException.TooManyRows(limits);
            rows.Add(new RosterRow(number, Cells(columns, record)));
        });
        if (columns is null) throw new RosterFormatException("The sheet is empty: the first row must name the columns.");
        return (columns.OfType<string>().ToList(), rows);
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
