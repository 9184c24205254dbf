namespace XinYu.Records.Import;

/// <summary>
/// The bounds of one roster upload (section <c>Records:RosterImport</c>). A roster is one school's list of students:
/// a few thousand rows of nine columns, a few hundred KiB. Every default is generous for that and small against what
/// a crafted file could otherwise make the service inflate, allocate or parse (issue #15, point 2).
/// </summary>
public sealed class RosterImportOptions
{
    public const string Section = "Records:RosterImport";

    /// <summary>The request body as sent (CSV, XLSX or the whole multipart form). Past it: 413.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The XLSX parts read (relationships, workbook, shared strings, sheet) once inflated, together. Past it: 413.</summary>
    public long MaxUncompressedBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Inflated to compressed bytes of any one XLSX part; real sheets stay well under 20. Past it: 400.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Data rows (the header and empty rows not counted). Past it: 400; the school splits the file.</summary>
    public int MaxRows { get; set; } = 50_000;

    /// <summary>Columns of the header or of any row, including the ones a roster may carry and we ignore. Past it: 400.</summary>
    public int MaxColumns { get; set; } = 64;
}
