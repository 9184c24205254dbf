namespace XinYu.Records.Import;

/// <summary>
/// A roster upload that passes one of the limits of <see cref="RosterImportOptions"/>. It is thrown as soon as the
/// limit is passed, so the rest of the file is never read, and answers problem details whose title names the setting.
/// </summary>
public sealed class RosterLimitException : Exception
{
    private RosterLimitException(string setting, string limit, int status, string message) : base(message)
    {
        Status = status;
        Title = $"The roster passes the limit {RosterImportOptions.Section}:{setting} ({limit}).";
    }

    public int Status { get; }
    public string Title { get; }

    public static RosterLimitException UploadTooLarge(RosterImportOptions limits) =>
        new(nameof(limits.MaxUploadBytes), $"{limits.MaxUploadBytes} bytes", StatusCodes.Status413PayloadTooLarge,
            $"The file is larger than {limits.MaxUploadBytes} bytes; split the roster.");

    public static RosterLimitException InflatesTooMuch(RosterImportOptions limits) =>
        new(nameof(limits.MaxUncompressedBytes), $"{limits.MaxUncompressedBytes} bytes", StatusCodes.Status413PayloadTooLarge,
            $"The workbook holds more than {limits.MaxUncompressedBytes} bytes once unzipped; save the roster alone in a new workbook.");

    public static RosterLimitException CompressesTooWell(RosterImportOptions limits, string part) =>
        new(nameof(limits.MaxCompressionRatio), $"{limits.MaxCompressionRatio}:1", StatusCodes.Status400BadRequest,
            $"The workbook part {Shorten(part)} unzips to more than {limits.MaxCompressionRatio} times its size, which no roster does.");

    public static RosterLimitException TooManyRows(RosterImportOptions limits) =>
        new(nameof(limits.MaxRows), $"{limits.MaxRows} rows", StatusCodes.Status400BadRequest,
            $"A roster has at most {limits.MaxRows} rows; split the file.");

    public static RosterLimitException TooManyColumns(RosterImportOptions limits, string where) =>
        new(nameof(limits.MaxColumns), $"{limits.MaxColumns} columns", StatusCodes.Status400BadRequest,
            $"A roster has at most {limits.MaxColumns} columns; {Shorten(where)} lies beyond them.");

    /// <summary>Names and cell references come from the file: quoted, but never at the file's length.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
