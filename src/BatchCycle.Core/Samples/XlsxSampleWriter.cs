using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Samples;

/// <summary>
/// Streams a workbook sheet by sheet: each worksheet part is written row by row with the Open XML SDK's
/// <see cref="OpenXmlWriter"/> straight into its ZIP entry, so a sheet of a million rows never sits in memory.
/// The package is assembled by hand rather than through <c>SpreadsheetDocument</c> because System.IO.Packaging
/// stamps every entry with the current time; fixed entry times make the same seed give the same bytes.
/// </summary>
public sealed class XlsxSampleWriter : IDisposable
{
    /// <summary>Excel's limit is 1,048,576 rows per sheet; larger tables continue on a further sheet with the same header.</summary>
    public const int MaxRowsPerSheet = 1_000_000;

    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly FileStream file;
    private readonly ZipArchive zip;
    private readonly DateTimeOffset entryTime;
    private readonly List<string> sheetNames = [];
    private readonly int rowsPerSheet;

    /// <param name="path">The workbook file, created or replaced.</param>
    /// <param name="entryTime">The modification time stored on every ZIP entry (keeps the bytes reproducible); 1980 to 2107.</param>
    /// <param name="rowsPerSheet">Data rows per sheet before a table continues on the next sheet.</param>
    public XlsxSampleWriter(string path, DateTimeOffset entryTime, int rowsPerSheet = MaxRowsPerSheet)
    {
        if (entryTime.Year is < 1980 or > 2107)
        {
            throw new ArgumentOutOfRangeException(nameof(entryTime), entryTime, "A ZIP entry time lies between 1980 and 2107.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerSheet, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowsPerSheet, MaxRowsPerSheet);
        this.rowsPerSheet = rowsPerSheet;
        file = new FileStream(path, FileMode.Create, FileAccess.Write);
        zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: false, Utf8);
        this.entryTime = entryTime;
    }

    /// <summary>Writes one table; returns the number of data rows. Sheets after the first of a table are named "name (2)", ….</summary>
    public long AddTable(string sheetName, IReadOnlyList<SampleColumn> columns, SheetStyle style, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        long written = 0;
        using var enumerator = rows.GetEnumerator();
        var more = enumerator.MoveNext();
        var part = 1;
        do
        {
            var name = part == 1 ? sheetName : string.Create(CultureInfo.InvariantCulture, $"{sheetName} ({part})");
            written += WriteSheet(name, columns, style, enumerator, ref more, cancellationToken);
            part++;
        }
        while (more);

        return written;
    }

    private long WriteSheet(string name, IReadOnlyList<SampleColumn> columns, SheetStyle style, IEnumerator<object?[]> rows, ref bool more, CancellationToken cancellationToken)
    {
        sheetNames.Add(name);
        using var stream = OpenEntry($"xl/worksheets/sheet{sheetNames.Count}.xml");
        using var writer = OpenXmlWriter.Create(stream, Utf8);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = "A2",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        })
        { WorkbookViewId = 0 }));
        var widths = new Columns();
        for (var c = 0; c < columns.Count; c++)
        {
            widths.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Width(columns[c], style.Headers), CustomWidth = true });
        }

        writer.WriteElement(widths);
        writer.WriteStartElement(new SheetData());
        var cell = new CellWriter(writer, style);
        cell.StartRow(1);
        for (var c = 0; c < columns.Count; c++)
        {
            cell.Text(c, columns[c].Header(style.Headers), HeaderStyle);
        }

        writer.WriteEndElement();
        long written = 0;
        while (more && written < rowsPerSheet)
        {
            if ((written & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = rows.Current;
            var rowNumber = (int)written + 2;
            cell.StartRow(rowNumber);
            for (var c = 0; c < row.Length; c++)
            {
                cell.Value(c, row[c], rowNumber);
            }

            writer.WriteEndElement();
            written++;
            more = rows.MoveNext();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.Close();
        return written;
    }

    /// <summary>Wide enough for the header (a Chinese character takes two widths) and wider for names and texts.</summary>
    private static double Width(SampleColumn column, HeaderLanguage language)
    {
        var header = column.Header(language);
        var width = header.Sum(ch => ch > 0x2E80 ? 2 : 1) + 4;
        string[] wide = ["Name", "Address", "Description", "Law", "Penalty", "Remarks", "Authority"];
        return wide.Any(w => column.English.Contains(w, StringComparison.Ordinal)) ? Math.Max(width, 36) : Math.Clamp(width, 12, 30);
    }

    public void Dispose()
    {
        WritePart("xl/workbook.xml", new Workbook(
            new Sheets(sheetNames.Select((name, i) => new Sheet { Name = name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" }))));
        WritePart("xl/styles.xml", Styles());
        WriteText("xl/_rels/workbook.xml.rels", WorkbookRelationships());
        WriteText("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        WriteText("[Content_Types].xml", ContentTypes());
        zip.Dispose();
        file.Dispose();
    }

    private Stream OpenEntry(string name)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = entryTime;
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
        for (var i = 1; i <= sheetNames.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        }

        xml.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{sheetNames.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""");
        return xml.Append("</Relationships>").ToString();
    }

    private string ContentTypes()
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        for (var i = 1; i <= sheetNames.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        return xml.Append("</Types>").ToString();
    }

    /// <summary>Style 0 default, 1 a date (yyyy-mm-dd), 2 the bold header.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true })
        { Count = 3 });

    /// <summary>Writes the cells of a row: inline strings (no shared-string table to hold in memory), numbers and date serials.</summary>
    private sealed class CellWriter(OpenXmlWriter writer, SheetStyle style)
    {
        private readonly List<string> columnNames = [];
        private readonly Row rowElement = new();
        private readonly Cell cellElement = new();
        private readonly InlineString inlineElement = new();
        private readonly CellValue valueElement = new();
        private readonly Text textElement = new();
        private readonly OpenXmlAttribute[] plain = new OpenXmlAttribute[1];
        private readonly OpenXmlAttribute[] typed = new OpenXmlAttribute[2];
        private readonly OpenXmlAttribute[] styled = new OpenXmlAttribute[2];
        private readonly OpenXmlAttribute[] styledTyped = new OpenXmlAttribute[3];
        private string rowText = "1";

        public void StartRow(int row)
        {
            rowText = row.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement(rowElement, [new OpenXmlAttribute("r", "", rowText)]);
        }

        public void Value(int column, object? value, int row)
        {
            switch (value)
            {
                case null:
                    return;
                case DateOnly date when style.DatesAsCells:
                    Number(column, (date.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture), DateStyle);
                    return;
                case int or decimal:
                    Number(column, style.Text(value, row), null);
                    return;
                default:
                    var text = style.Text(value, row);
                    if (text.Length > 0)
                    {
                        Text(column, text, null);
                    }

                    return;
            }
        }

        public void Text(int column, string text, uint? styleIndex)
        {
            writer.WriteStartElement(cellElement, Attributes(column, styleIndex, "inlineStr"));
            writer.WriteStartElement(inlineElement);
            writer.WriteStartElement(textElement);
            writer.WriteString(text);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private void Number(int column, string number, uint? styleIndex)
        {
            writer.WriteStartElement(cellElement, Attributes(column, styleIndex, null));
            writer.WriteStartElement(valueElement);
            writer.WriteString(number);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        /// <summary>Reuses one attribute array per shape: a million-row sheet should not allocate a list per cell.</summary>
        private OpenXmlAttribute[] Attributes(int column, uint? styleIndex, string? type)
        {
            var reference = new OpenXmlAttribute("r", "", ColumnName(column) + rowText);
            switch (styleIndex, type)
            {
                case (null, null):
                    plain[0] = reference;
                    return plain;
                case (null, { } t):
                    typed[0] = reference;
                    typed[1] = new OpenXmlAttribute("t", "", t);
                    return typed;
                case ({ } s, null):
                    styled[0] = reference;
                    styled[1] = new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture));
                    return styled;
                case ({ } s, { } t):
                    styledTyped[0] = reference;
                    styledTyped[1] = new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture));
                    styledTyped[2] = new OpenXmlAttribute("t", "", t);
                    return styledTyped;
            }
        }

        private string ColumnName(int column)
        {
            while (columnNames.Count <= column)
            {
                var n = columnNames.Count;
                var name = "";
                for (n++; n > 0; n = (n - 1) / 26)
                {
                    name = (char)('A' + ((n - 1) % 26)) + name;
                }

                columnNames.Add(name);
            }

            return columnNames[column];
        }
    }
}
