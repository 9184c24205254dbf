using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace XinYu.Records.Import;

/// <summary>
/// Reads the first worksheet of an XLSX workbook row by row, straight from the zip with <see cref="XmlReader"/>. The
/// OpenXml SDK's DOM held the whole inflated sheet in memory and trusted cell references, so a 300 KiB zip bomb took
/// 16 GB and a cell at FXSHRXW1 asked for a 2^31-cell row (issue #15, point 2). Here every part is inflated once,
/// through a counter that stops at the limits of <see cref="RosterImportOptions"/>, and a row never has more cells
/// than <see cref="RosterImportOptions.MaxColumns"/>.
/// </summary>
internal sealed class XlsxSheetReader
{
    // Relationship types end so in transitional and strict OOXML alike.
    private const string OfficeDocumentType = "/officeDocument";
    private const string WorksheetType = "/worksheet";
    private const string SharedStringsType = "/sharedStrings";

    /// <summary>Small parts (a .rels, a sheet of empty styled cells) may compress better than any ratio a whole file
    /// shows; a part is held to the ratio only once it has inflated past this.</summary>
    private const long RatioFloorBytes = 1024 * 1024;

    // No DTD: an entity could expand past every limit here without a byte more being inflated.
    private static readonly XmlReaderSettings XmlSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private readonly ZipArchive _zip;
    private readonly RosterImportOptions _limits;
    private long _inflated;

    private XlsxSheetReader(ZipArchive zip, RosterImportOptions limits) => (_zip, _limits) = (zip, limits);

    /// <summary>Calls <paramref name="row"/> with each row's number and its cells by column (A is 0; "" where none).</summary>
    public static void Read(Stream xlsx, RosterImportOptions limits, Action<int, string[]> row)
    {
        try
        {
            using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
            new XlsxSheetReader(zip, limits).ReadFirstSheet(row);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or NotSupportedException)
        {
            throw new RosterFormatException("The file is not a readable XLSX workbook.");
        }
    }

    private void ReadFirstSheet(Action<int, string[]> row)
    {
        var workbook = Relationships("", "_rels/.rels").FirstOrDefault(r => r.Type.EndsWith(OfficeDocumentType, StringComparison.Ordinal)).Target
            ?? throw new RosterFormatException("The file is not a readable XLSX workbook.");
        var folder = workbook[..(workbook.LastIndexOf('/') + 1)];
        var related = Relationships(folder, $"{folder}_rels/{workbook[folder.Length..]}.rels");
        var sheetId = FirstSheetId(workbook) ?? throw new RosterFormatException("The workbook has no sheets.");
        var sheet = related.FirstOrDefault(r => r.Id == sheetId && r.Type.EndsWith(WorksheetType, StringComparison.Ordinal)).Target
            ?? throw new RosterFormatException("The workbook has no sheets.");
        var shared = related.FirstOrDefault(r => r.Type.EndsWith(SharedStringsType, StringComparison.Ordinal)).Target is { } sharedPart
            ? SharedStrings(sharedPart) : [];
        ReadRows(sheet, shared, row);
    }

    /// <summary>
    /// Reads a part (null when the workbook lacks it) through the counter: the parts read may inflate to
    /// MaxUncompressedBytes together, and each to MaxCompressionRatio times its compressed size (above
    /// <see cref="RatioFloorBytes"/>). The compressed size is the zip's word, but the total is counted whatever it says.
    /// </summary>
    private T ReadPart<T>(string part, Func<XmlReader?, T> read)
    {
        var entry = _zip.GetEntry(part) ?? _zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, part, StringComparison.OrdinalIgnoreCase));
        if (entry is null) return read(null);
        var remaining = _limits.MaxUncompressedBytes - _inflated;
        var byRatio = Math.Max(RatioFloorBytes, entry.CompressedLength * _limits.MaxCompressionRatio);
        using var inflating = entry.Open();
        var counter = new LimitedReadStream(inflating, Math.Min(remaining, byRatio),
            inflated => inflated > remaining ? RosterLimitException.InflatesTooMuch(_limits) : RosterLimitException.CompressesTooWell(_limits, part));
        try
        {
            using var xml = XmlReader.Create(counter, XmlSettings);
            return read(xml);
        }
        finally { _inflated += counter.BytesRead; }
    }

    private List<(string Id, string Type, string Target)> Relationships(string folder, string part) => ReadPart(part, xml =>
    {
        var relationships = new List<(string, string, string)>();
        while (xml is not null && xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("TargetMode") != "External"
                && xml.GetAttribute("Target") is { } target)
            {
                relationships.Add((xml.GetAttribute("Id") ?? "", xml.GetAttribute("Type") ?? "", Resolve(folder, target)));
            }
        }
        return relationships;
    });

    /// <summary>The relationship id of the workbook's first sheet; the rest of the workbook part is not read.</summary>
    private string? FirstSheetId(string workbook) => ReadPart(workbook, xml =>
    {
        while (xml is not null && xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet") continue;
            for (var more = xml.MoveToFirstAttribute(); more; more = xml.MoveToNextAttribute())
            {
                if (xml.LocalName == "id" && xml.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal)) return xml.Value;
            }
            return null;
        }
        return null;
    });

    private string[] SharedStrings(string part) => ReadPart(part, xml =>
    {
        var strings = new List<string>();
        while (xml is not null && xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si") strings.Add(TextOf(xml, "t"));
        }
        return strings.ToArray();
    });

    private void ReadRows(string part, string[] shared, Action<int, string[]> onRow) => ReadPart<object?>(part, xml =>
    {
        if (xml is null) throw new RosterFormatException("The workbook has no sheets.");
        var cells = new string[_limits.MaxColumns];
        var previous = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row") continue;
            var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : previous + 1;
            previous = number;
            Array.Fill(cells, "");
            var width = 0;
            if (!xml.IsEmptyElement)
            {
                var depth = xml.Depth;
                var column = -1;
                while (xml.Read() && xml.Depth > depth)
                {
                    if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c") continue;
                    var reference = xml.GetAttribute("r");
                    column = ColumnIndex(reference, column + 1, _limits.MaxColumns);
                    if (column >= _limits.MaxColumns)
                        throw RosterLimitException.TooManyColumns(_limits, reference is null ? $"a cell of row {number}" : $"cell {reference}");
                    var type = xml.GetAttribute("t");
                    var text = TextOf(xml, type == "inlineStr" ? "t" : "v");
                    cells[column] = type == "s" ? SharedString(shared, text) : text;
                    width = Math.Max(width, column + 1);
                }
            }
            onRow(number, cells[..width]);
        }
        return null;
    });

    private static string SharedString(string[] shared, string index) =>
        int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";

    /// <summary>
    /// The text of the current element's <paramref name="name"/> descendants (a cell's v, or the t of an inline or
    /// shared string and its runs), leaving the reader on the element's end. Phonetic runs (rPh) are skipped: they
    /// are a reading aid shown above the text, not part of it.
    /// </summary>
    private static string TextOf(XmlReader xml, string name)
    {
        if (xml.IsEmptyElement) return "";
        var depth = xml.Depth;
        var text = new StringBuilder();
        var inText = false;
        var phonetic = -1;
        while (xml.Read() && xml.Depth > depth)
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when phonetic < 0 && xml.LocalName == "rPh" && !xml.IsEmptyElement:
                    phonetic = xml.Depth;
                    break;
                case XmlNodeType.Element when phonetic < 0 && xml.LocalName == name && !xml.IsEmptyElement:
                    inText = true;
                    break;
                case XmlNodeType.EndElement when xml.Depth == phonetic:
                    phonetic = -1;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == name:
                    inText = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText && phonetic < 0:
                    text.Append(xml.Value);
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// "C7" → 2; a cell without a reference follows the previous one (<paramref name="fallback"/>). Counting stops at
    /// <paramref name="max"/>, so a reference like FXSHRXW1 (column 2,147,483,647) neither overflows nor allocates.
    /// </summary>
    internal static int ColumnIndex(string? reference, int fallback, int max)
    {
        if (string.IsNullOrEmpty(reference)) return fallback;
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > max) return max;
        }
        return index == 0 ? fallback : index - 1;
    }

    /// <summary>A relationship's target as a zip entry name: absolute ("/xl/…") or relative to the source's folder.</summary>
    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target[1..] : folder + target).Split('/'))
        {
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else if (segment is not ("." or "")) segments.Add(segment);
        }
        return string.Join('/', segments);
    }
}
