using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Files;

/// <summary>
/// One worksheet of an <see cref="XlsxWriter"/>, written element by element with the SDK's <see cref="OpenXmlWriter"/>:
/// the elements before the rows (views, columns), the rows and their cells, then the elements after them (filter,
/// validations, print setup, merged ranges), in that order. Texts are inline strings, so no shared-string table is
/// held in memory; the element templates and attribute arrays are reused for every cell, so a cell allocates little
/// more than its reference.
/// </summary>
public sealed class XlsxSheet : IDisposable
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private static readonly OpenXmlAttribute Preserve = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");
    private static readonly OpenXmlAttribute InlineStringType = new("t", "", "inlineStr");

    private readonly Stream stream;
    private readonly OpenXmlWriter writer;
    private readonly List<string> columnNames = [];
    private readonly Row rowElement = new();
    private readonly Cell cellElement = new();
    private readonly InlineString inlineElement = new();
    private readonly CellValue valueElement = new();
    private readonly Text textElement = new();
    private readonly OpenXmlAttribute[] preserved = [Preserve];
    private readonly OpenXmlAttribute[][] shapes = [new OpenXmlAttribute[1], new OpenXmlAttribute[2], new OpenXmlAttribute[2], new OpenXmlAttribute[3]];
    private State state;
    private string rowText = "1";

    internal XlsxSheet(Stream stream)
    {
        this.stream = stream;
        writer = OpenXmlWriter.Create(stream, XlsxWriter.Utf8);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
    }

    private enum State
    {
        BeforeRows,
        InRows,
        InRow,
        AfterRows,
        Closed,
    }

    /// <summary>The column's letters: 0 is A, 25 is Z, 26 is AA.</summary>
    public static string ColumnName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Days since Excel's epoch: the value of a date cell (a cell whose style has a date number format).</summary>
    public static string DateSerial(DateOnly date) => (date.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes a whole element: before the first row one of the sheet's leading elements, inside a row a cell the
    /// other methods do not write (a formula, an error), after <see cref="EndRows"/> one of its trailing elements.
    /// </summary>
    public void Element(OpenXmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        ThrowIfClosed();
        writer.WriteElement(element);
    }

    /// <summary>Starts row <paramref name="row"/> (1-based, increasing); a height in points is kept as set.</summary>
    public void StartRow(int row, double? height = null)
    {
        EndRow();
        if (state == State.BeforeRows)
        {
            writer.WriteStartElement(new SheetData());
        }

        ThrowIfClosed();
        rowText = row.ToString(CultureInfo.InvariantCulture);
        OpenXmlAttribute[] attributes = height is { } points
            ? [new("r", "", rowText), new("ht", "", points.ToString(CultureInfo.InvariantCulture)), new("customHeight", "", "1")]
            : [new("r", "", rowText)];
        writer.WriteStartElement(rowElement, attributes);
        state = State.InRow;
    }

    /// <summary>Ends the current row, if one is open.</summary>
    public void EndRow()
    {
        if (state == State.InRow)
        {
            writer.WriteEndElement();
            state = State.InRows;
        }
    }

    /// <summary>Ends the rows; what <see cref="Element"/> writes next follows them.</summary>
    public void EndRows()
    {
        EndRow();
        if (state == State.BeforeRows)
        {
            writer.WriteStartElement(new SheetData());
            state = State.InRows;
        }

        if (state == State.InRows)
        {
            writer.WriteEndElement();
            state = State.AfterRows;
        }
    }

    /// <summary>
    /// A text cell of the current row, written as stored: a text from people's files goes through
    /// <see cref="XlsxText.Escape"/> first. Leading or trailing white space is marked to be kept.
    /// </summary>
    public void Text(int column, string text, uint style = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        writer.WriteStartElement(cellElement, Attributes(column, style, InlineStringType));
        writer.WriteStartElement(inlineElement);
        var keepSpace = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
        if (keepSpace)
        {
            writer.WriteStartElement(textElement, preserved);
        }
        else
        {
            writer.WriteStartElement(textElement);
        }

        writer.WriteString(text);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A number cell of the current row; <paramref name="number"/> is in invariant culture.</summary>
    public void Number(int column, string number, uint style = 0)
    {
        ArgumentNullException.ThrowIfNull(number);
        writer.WriteStartElement(cellElement, Attributes(column, style, null));
        writer.WriteStartElement(valueElement);
        writer.WriteString(number);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A number cell of the current row.</summary>
    public void Number(int column, long number, uint style = 0) => Number(column, number.ToString(CultureInfo.InvariantCulture), style);

    /// <summary>A cell with a format but no value, such as an empty header cell that keeps its fill.</summary>
    public void Empty(int column, uint style)
    {
        writer.WriteStartElement(cellElement, Attributes(column, style, null));
        writer.WriteEndElement();
    }

    /// <summary>Completes the sheet (ending its rows if that was not done) and its ZIP entry.</summary>
    public void Dispose()
    {
        if (state == State.Closed)
        {
            return;
        }

        EndRows();
        writer.WriteEndElement();
        writer.Close();
        writer.Dispose();
        stream.Dispose();
        state = State.Closed;
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(state == State.Closed, this);

    /// <summary>Reuses one attribute array per shape: a million-row sheet should not allocate an array per cell.</summary>
    private OpenXmlAttribute[] Attributes(int column, uint style, OpenXmlAttribute? type)
    {
        var shape = shapes[(style != 0 ? 2 : 0) + (type is null ? 0 : 1)];
        shape[0] = new OpenXmlAttribute("r", "", Column(column) + rowText);
        if (style != 0)
        {
            shape[1] = new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture));
        }

        if (type is { } t)
        {
            shape[^1] = t;
        }

        return shape;
    }

    private string Column(int index)
    {
        while (columnNames.Count <= index)
        {
            columnNames.Add(ColumnName(columnNames.Count));
        }

        return columnNames[index];
    }
}
