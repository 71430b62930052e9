using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using BatchCycle.Messages;
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


    static WorkbookFile()
    {
        // .xls files store text in Windows code pages (e.g. 936 and 950 for Chinese), which .NET leaves out by
        // default; registering here, not only in the program, lets every caller (tests, dashboard) read them.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static RawFile Read(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        // The package's limits are checked before anything unpacks it. The search for the cells ExcelDataReader misreads
        // reads every sheet's XML a second time, so it runs on another core while ExcelDataReader reads the sheets, and
        // what it finds is put into their rows afterwards. For a workbook saved by Excel (its texts in the shared table)
        // that search parses every sheet again: 300,000 option rows were imported in 5.1 s instead of 6.3.
        var inspection = Task.FromResult<(Message? Problem, Dictionary<string, Dictionary<(int, int), CellError>> ErrorCells)>((null, []));
        if (IsZip(content))
        {
            if (PackageLimits(content) is { } refused)
            {
                return RawFile.Failed(refused);
            }

            inspection = Task.Run(() => InspectPackage(content), cancellationToken);
        }

        var (sheets, unreadable) = ReadSheets(content, cancellationToken);
        var (problem, errorCells) = inspection.GetAwaiter().GetResult();
        if ((problem ?? unreadable) is { } failure)
        {
            return RawFile.Failed(failure);
        }

        return new RawFile([.. sheets.Select(s => new RawSheet(s.Name, WithErrors(s, errorCells.GetValueOrDefault(s.Name))))], null);
    }

    /// <summary>A sheet as ExcelDataReader read it: its rows, how many columns it has and how many rows it read, blank ones too.</summary>
    private sealed record SheetRows(string Name, List<RawRow> Rows, int Columns, int Read);

    private static (List<SheetRows> Sheets, Message? Problem) ReadSheets(byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            var sheets = new List<SheetRows>();
            do
            {
                var name = reader.Name;
                var rows = ReadRows(reader, cancellationToken, out var columns, out var read);
                sheets.Add(new SheetRows(name, rows, columns, read));
            }
            while (reader.NextResult());
            return (sheets, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // ExcelDataReader parses untrusted bytes and throws many kinds of exception on damaged input
            // (header, zip, XML, end of stream, index errors); every one of them means the same to the user.
            return ([], Describe(ex));
        }
    }

    /// <summary>
    /// The rows with the misread cells put right, as if each had been read so: a cell past the sheet's columns or a row
    /// past its last is left out, and a row that was blank but for such a cell is kept, in its place.
    /// </summary>
    private static List<RawRow> WithErrors(SheetRows sheet, Dictionary<(int Row, int Column), CellError>? errors)
    {
        var (_, rows, columns, read) = sheet;
        if (errors is null || errors.Count == 0)
        {
            return rows;
        }

        foreach (var ((number, column), error) in errors.Where(e => e.Key.Column < columns).OrderBy(e => e.Key.Row))
        {
            var at = rows.BinarySearch(new RawRow(number, []), RowOrder);
            if (at >= 0)
            {
                if (rows[at].Cells is object?[] cells && column < cells.Length)
                {
                    cells[column] = error;
                }
            }
            else if (number <= read)
            {
                var blank = new object?[columns];
                blank[column] = error;
                rows.Insert(~at, new RawRow(number, blank));
            }
        }

        return rows;
    }

    private static readonly Comparer<RawRow> RowOrder = Comparer<RawRow>.Create((a, b) => a.Number.CompareTo(b.Number));

    private static List<RawRow> ReadRows(IExcelDataReader reader, CancellationToken cancellationToken, out int columns, out int read)
    {
        var rows = new List<RawRow>();
        var number = 0;
        columns = 0;
        while (reader.Read())
        {
            number++;
            if (number % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            columns = reader.FieldCount;
            object?[]? cells = null;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (Cell(reader, i) is { } value)
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

        read = number;
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
    /// <see cref="MaxParts"/> parts, before anything unpacks them. The declared sizes are enough to bound memory:
    /// <see cref="ZipArchive"/> never unpacks an entry beyond its declared length, so a package that lies about its
    /// sizes reads as damaged, not as a bomb.
    /// </summary>
    private static Message? PackageLimits(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                return Message.Of("Import.TooManyParts", Thousands(zip.Entries.Count), Thousands(MaxParts));
            }

            var total = zip.Entries.Sum(e => e.Length);
            return total > MaxUncompressedBytes
                ? Message.Of("Import.TooLarge", Thousands(total / (1024 * 1024)), Thousands(MaxUncompressedBytes / (1024 * 1024)))
                : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return Message.Of("Import.IncompletePackage");
        }
    }

    /// <summary>
    /// Finds the cells ExcelDataReader 3.6 misreads: error cells (<c>#N/A</c>, <c>#REF!</c>), read as empty, and
    /// references past the end of the shared text table, read as the number of the reference. Both must be reported
    /// as bad values, not taken as blanks or text.
    /// </summary>
    private static (Message? Problem, Dictionary<string, Dictionary<(int, int), CellError>> ErrorCells) InspectPackage(byte[] content)
    {
        var errorCells = new Dictionary<string, Dictionary<(int, int), CellError>>();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var (sheets, sharedStringsPart) = WorkbookParts(zip);
            var sharedStrings = sharedStringsPart is not null && zip.GetEntry(sharedStringsPart) is { } table ? CountSharedStrings(table) : 0;
            foreach (var (sheet, part) in sheets)
            {
                if (zip.GetEntry(part) is { } entry && FindErrorCells(entry, sharedStrings) is { Count: > 0 } cells)
                {
                    errorCells[sheet] = cells;
                }
            }

            return (null, errorCells);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return (Message.Of("Import.IncompletePackage"), errorCells);
        }
    }

    /// <summary>The worksheet parts by sheet name and the shared text part, from the workbook part and its relationships.</summary>
    private static (List<(string Sheet, string Part)> Sheets, string? SharedStrings) WorkbookParts(ZipArchive zip)
    {
        var sheets = new List<(string, string)>();
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels)
        {
            return (sheets, null);
        }

        string? sharedStrings = null;
        var targets = new Dictionary<string, string>();
        using (var stream = rels.Open())
        using (var xml = XmlReader.Create(stream))
        {
            while (xml.Read())
            {
                if (xml is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target)
                {
                    targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                    if (xml.GetAttribute("Type") is { } type && type.EndsWith("/sharedStrings", StringComparison.Ordinal))
                    {
                        sharedStrings = targets[id];
                    }
                }
            }
        }

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

        return (sheets, sharedStrings);
    }

    private static int CountSharedStrings(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream);
        var count = 0;
        while (xml.Read())
        {
            if (xml is { NodeType: XmlNodeType.Element, LocalName: "si", Depth: 1 })
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The error cells and the cells whose shared text does not exist. The sheet is parsed only when it has
    /// error cells or shared text cells, so the large sheets of inline text that other programs write are read once.
    /// </summary>
    private static Dictionary<(int, int), CellError> FindErrorCells(ZipArchiveEntry entry, int sharedStrings)
    {
        var cells = new Dictionary<(int, int), CellError>();
        if (!Contains(entry, "t=\"e\""u8) && !Contains(entry, "t=\"s\""u8))
        {
            return cells;
        }

        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream);
        while (xml.Read())
        {
            if (xml is not { NodeType: XmlNodeType.Element, LocalName: "c" } || xml.GetAttribute("r") is not { } reference || CellReference(reference) is not { } cell)
            {
                continue;
            }

            switch (xml.GetAttribute("t"))
            {
                case "e":
                    cells[cell] = new CellError(CellText(xml) ?? "#ERROR");
                    break;
                case "s" when CellText(xml) is { } index && (!int.TryParse(index, out var number) || number < 0 || number >= sharedStrings):
                    cells[cell] = new CellError(
                        "#DAMAGED",
                        Message.Of("Import.SharedTextDamaged", CellValues.Quote(index), Thousands(sharedStrings)));
                    break;
            }
        }

        return cells;
    }

    /// <summary>The text of a cell's value element, such as <c>#N/A</c> or a shared text number.</summary>
    private static string? CellText(XmlReader cell)
    {
        using var content = cell.ReadSubtree();
        while (content.Read())
        {
            if (content is { NodeType: XmlNodeType.Element, LocalName: "v" })
            {
                return content.ReadElementContentAsString().Trim();
            }
        }

        return null;
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

    private static Message Describe(Exception ex) => ex switch
    {
        InvalidPasswordException => Message.Of("Import.Password"),
        HeaderException => Message.Of("Import.NotExcel"),
        CompoundDocumentException => Message.Of("Import.XlsDamaged"),
        _ => Message.Of("Import.Damaged", ex.Message.Split('\n')[0].Trim()),
    };

    private static string Thousands(long number) => number.ToString("N0", CultureInfo.InvariantCulture);
}
