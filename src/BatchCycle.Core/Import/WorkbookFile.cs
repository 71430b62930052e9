using System.IO.Compression;
using System.Text;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace BatchCycle.Import;

/// <summary>
/// Reads an .xlsx or .xls workbook with ExcelDataReader, streaming row by row, into its sheets' rows with
/// values. An .xlsx package is inspected before it is opened, so a zip bomb is refused instead of filling
/// memory. A workbook that cannot be read becomes one problem in plain words, never an exception.
/// </summary>
public static class WorkbookFile
{
    /// <summary>Far above any real workbook of the scheme (a few MB), far below what would exhaust the machine.</summary>
    public const long MaxUncompressedBytes = 512L * 1024 * 1024;

    /// <summary>A workbook has a few parts per sheet; tens of thousands only come from a crafted file.</summary>
    public const int MaxParts = 10_000;

    private const string NotReadable = "not a readable Excel workbook";

    static WorkbookFile()
    {
        // .xls files store text in Windows code pages (e.g. 936 and 950 for Chinese), which .NET leaves out by
        // default; registering here, not only in the program, lets every caller (tests, dashboard) read them.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static RawFile Read(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        IReadOnlyDictionary<string, Dictionary<(int Row, int Column), string>> errorCells = new Dictionary<string, Dictionary<(int, int), string>>();
        if (IsZip(content))
        {
            var (problem, errors) = InspectPackage(content);
            if (problem is not null)
            {
                return RawFile.Failed(problem);
            }

            errorCells = errors;
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            var sheets = new List<RawSheet>();
            do
            {
                var errors = errorCells.GetValueOrDefault(reader.Name) ?? [];
                sheets.Add(new RawSheet(reader.Name, ReadRows(reader, errors, cancellationToken)));
            }
            while (reader.NextResult());
            return new RawFile(sheets, [], null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // ExcelDataReader parses untrusted bytes and throws many kinds of exception on damaged input
            // (header, zip, XML, end of stream, index errors); every one of them means the same to the user.
            return RawFile.Failed(Describe(ex));
        }
    }

    private static List<RawRow> ReadRows(IExcelDataReader reader, Dictionary<(int Row, int Column), string> errors, CancellationToken cancellationToken)
    {
        var rows = new List<RawRow>();
        var number = 0;
        while (reader.Read())
        {
            number++;
            if (number % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            object?[]? cells = null;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = Cell(reader, i);
                if (value is null && errors.Count > 0 && errors.TryGetValue((number, i), out var code))
                {
                    value = new CellError(code);
                }

                if (value is not null)
                {
                    cells ??= new object?[reader.FieldCount];
                    cells[i] = value;
                }
            }

            // Blank rows (often a million formatted but empty ones) are passed over, not kept.
            if (cells is not null)
            {
                rows.Add(new RawRow(number, cells));
            }
        }

        return rows;
    }

    private static object? Cell(IExcelDataReader reader, int column)
    {
        var value = reader.GetValue(column);
        switch (value)
        {
            case string text when string.IsNullOrWhiteSpace(text):
                return null;
            case double number when reader.GetNumberFormatString(column) is { } format && format.Contains('%', StringComparison.Ordinal):
                // A cell formatted as a percentage holds 0.51 and shows 51%; the user means what is shown.
                return CellValues.Text(number * 100) + "%";
            case int or long or float or decimal:
                return Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            default:
                return value;
        }
    }

    private static bool IsZip(byte[] content) => content.Length >= 4 && content[0] == 'P' && content[1] == 'K';

    /// <summary>
    /// Refuses packages that would unpack to more than <see cref="MaxUncompressedBytes"/> or hold more than
    /// <see cref="MaxParts"/> parts, and finds the error cells (<c>#N/A</c>, <c>#REF!</c>), which
    /// ExcelDataReader 3.6 reads as empty; they must be reported as bad values, not taken as blanks.
    /// </summary>
    private static (string? Problem, Dictionary<string, Dictionary<(int, int), string>> ErrorCells) InspectPackage(byte[] content)
    {
        var errorCells = new Dictionary<string, Dictionary<(int, int), string>>();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                return ($"{NotReadable}: it has {zip.Entries.Count:N0} parts (at most {MaxParts:N0} are accepted); it was refused as unsafe", errorCells);
            }

            var total = zip.Entries.Sum(e => e.Length);
            if (total > MaxUncompressedBytes)
            {
                return ($"{NotReadable}: it would unpack to {total / (1024 * 1024):N0} MB (at most {MaxUncompressedBytes / (1024 * 1024):N0} MB are accepted); it was refused as unsafe", errorCells);
            }

            foreach (var (sheet, part) in SheetParts(zip))
            {
                if (zip.GetEntry(part) is { } entry && FindErrorCells(entry) is { Count: > 0 } cells)
                {
                    errorCells[sheet] = cells;
                }
            }

            return (null, errorCells);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return ($"{NotReadable}: the file is damaged or incomplete (it is not a complete .xlsx package)", errorCells);
        }
    }

    /// <summary>The worksheet parts by sheet name, from the workbook part and its relationships.</summary>
    private static IEnumerable<(string Sheet, string Part)> SheetParts(ZipArchive zip)
    {
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels)
        {
            yield break;
        }

        var targets = new Dictionary<string, string>();
        using (var stream = rels.Open())
        using (var xml = XmlReader.Create(stream))
        {
            while (xml.Read())
            {
                if (xml is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target)
                {
                    targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                }
            }
        }

        var sheets = new List<(string, string)>();
        using (var stream = workbook.Open())
        using (var xml = XmlReader.Create(stream))
        {
            while (xml.Read())
            {
                if (xml is { NodeType: XmlNodeType.Element, LocalName: "sheet" }
                    && xml.GetAttribute("name") is { } name
                    && xml.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships") is { } id
                    && targets.TryGetValue(id, out var part))
                {
                    sheets.Add((name, part));
                }
            }
        }

        foreach (var sheet in sheets)
        {
            yield return sheet;
        }
    }

    private static Dictionary<(int, int), string> FindErrorCells(ZipArchiveEntry entry)
    {
        var cells = new Dictionary<(int, int), string>();
        if (!Contains(entry, "t=\"e\""u8))
        {
            return cells;
        }

        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream);
        while (xml.Read())
        {
            if (xml is { NodeType: XmlNodeType.Element, LocalName: "c" } && xml.GetAttribute("t") == "e" && xml.GetAttribute("r") is { } reference && CellReference(reference) is { } cell)
            {
                cells[cell] = ErrorCode(xml);
            }
        }

        return cells;
    }

    /// <summary>The error shown in a cell, such as <c>#N/A</c>, from its value element.</summary>
    private static string ErrorCode(XmlReader cell)
    {
        using var content = cell.ReadSubtree();
        while (content.Read())
        {
            if (content is { NodeType: XmlNodeType.Element, LocalName: "v" })
            {
                return content.ReadElementContentAsString().Trim();
            }
        }

        return "#ERROR";
    }

    /// <summary>A quick byte search, so the sheets without any error cell (nearly all) are not parsed twice.</summary>
    private static bool Contains(ZipArchiveEntry entry, ReadOnlySpan<byte> needle)
    {
        using var stream = entry.Open();
        var buffer = new byte[64 * 1024];
        var kept = 0;
        int read;
        while ((read = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            var filled = kept + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                return true;
            }

            // Keep the tail so a match split across two reads is still found.
            kept = Math.Min(needle.Length - 1, filled);
            buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
        }

        return false;
    }

    /// <summary><c>B5</c> → row 5, column index 1.</summary>
    private static (int Row, int Column)? CellReference(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++)
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
        }

        return i > 0 && int.TryParse(reference.AsSpan(i), out var row) ? (row, column - 1) : null;
    }

    private static string Describe(Exception ex) => ex switch
    {
        InvalidPasswordException => "the workbook is protected by a password; save it without a password and import it again",
        HeaderException => $"{NotReadable}: its content is neither an .xlsx nor an .xls workbook (perhaps another kind of file given an Excel name)",
        CompoundDocumentException => $"{NotReadable}: the .xls file is damaged or incomplete",
        _ => $"{NotReadable}: the file is damaged or incomplete ({ex.Message.Split('\n')[0].Trim()})",
    };
}
