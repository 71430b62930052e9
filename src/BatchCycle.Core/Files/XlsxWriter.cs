using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Files;

/// <summary>
/// The one streaming XLSX writer: a workbook written sheet after sheet, each worksheet streamed row by row
/// (<see cref="XlsxSheet"/>) straight into its ZIP entry, so a sheet of a million rows never sits in memory.
/// <para>
/// The package is assembled by hand rather than through the SDK's <c>SpreadsheetDocument</c> or
/// System.IO.Packaging: those insist on read access (a write-only target such as a response body would make
/// the zip keep every part in memory until it is closed) and stamp every entry with the current time, whereas a
/// fixed entry time makes the same content give the same bytes. The workbook part, the stylesheet, the
/// relationships and the content types are written when the writer is disposed.
/// </para>
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ZipArchive zip;
    private readonly Stylesheet styles;
    private readonly DateTimeOffset? entryTime;
    private readonly List<(string Name, bool Hidden)> sheets = [];
    private readonly List<DefinedName> definedNames = [];
    private XlsxSheet? open;
    private bool finished;

    /// <param name="stream">The target; it needs to be writable only.</param>
    /// <param name="styles">The workbook's stylesheet; the style indexes of the cells point into its cell formats.</param>
    /// <param name="entryTime">The modification time stored on every ZIP entry (keeps the bytes reproducible), 1980 to 2107; the current time when null.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the workbook is complete.</param>
    public XlsxWriter(Stream stream, Stylesheet styles, DateTimeOffset? entryTime = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(styles);
        if (entryTime is { Year: < 1980 or > 2107 })
        {
            throw new ArgumentOutOfRangeException(nameof(entryTime), entryTime, "A ZIP entry time lies between 1980 and 2107.");
        }

        zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen, Utf8);
        this.styles = styles;
        this.entryTime = entryTime;
    }

    /// <summary>The number of sheets added so far.</summary>
    public int SheetCount => sheets.Count;

    /// <summary>Creates (or replaces) the workbook file at <paramref name="path"/>.</summary>
    public static XlsxWriter Create(string path, Stylesheet styles, DateTimeOffset? entryTime = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), styles, entryTime);

    /// <summary>
    /// Starts the next sheet; the one before it is completed first. Sheet names are at most 31 characters and
    /// contain none of <c>[]:*?/\</c>.
    /// </summary>
    public XlsxSheet AddSheet(string name, bool hidden = false)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        open?.Dispose();
        sheets.Add((name, hidden));
        open = new XlsxSheet(OpenEntry(string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{sheets.Count}.xml")));
        return open;
    }

    /// <summary>A name the workbook defines, such as a sheet's filter range or print titles (its <c>LocalSheetId</c> counts sheets from 0).</summary>
    public void DefineName(DefinedName name) => definedNames.Add(name);

    public void Dispose()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        open?.Dispose();
        var workbook = new Workbook(new Sheets(sheets.Select((sheet, i) => new Sheet
        {
            Name = sheet.Name,
            SheetId = (uint)(i + 1),
            Id = RelationshipId(i),
            State = sheet.Hidden ? SheetStateValues.Hidden : null,
        })));
        if (definedNames.Count > 0)
        {
            workbook.Append(new DefinedNames(definedNames));
        }

        WritePart("xl/workbook.xml", workbook);
        WritePart("xl/styles.xml", styles);
        WriteText("xl/_rels/workbook.xml.rels", WorkbookRelationships());
        WriteText("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        WriteText("[Content_Types].xml", ContentTypes());
        zip.Dispose();
    }

    private static string RelationshipId(int sheet) => string.Create(CultureInfo.InvariantCulture, $"rId{sheet + 1}");

    private Stream OpenEntry(string name)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        if (entryTime is { } time)
        {
            entry.LastWriteTime = time;
        }

        return entry.Open();
    }

    private void WritePart(string name, OpenXmlElement root)
    {
        using var stream = OpenEntry(name);
        using var writer = OpenXmlWriter.Create(stream, Utf8);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
        writer.Close();
    }

    private void WriteText(string name, string content)
    {
        using var stream = OpenEntry(name);
        stream.Write(Utf8.GetBytes(content));
    }

    private string WorkbookRelationships()
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 1; i <= sheets.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        }

        xml.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""");
        return xml.Append("</Relationships>").ToString();
    }

    private string ContentTypes()
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        for (var i = 1; i <= sheets.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        return xml.Append("</Types>").ToString();
    }
}
