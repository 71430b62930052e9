using System.Globalization;
using BatchCycle.Files;

namespace BatchCycle.Samples;

/// <summary>
/// Writes a sample workbook table by table with the streaming <see cref="XlsxWriter"/>, each as a plain
/// <see cref="XlsxTable"/>; a fixed entry time makes the same seed give the same bytes.
/// </summary>
public sealed class XlsxSampleWriter : IDisposable
{
    /// <summary>Excel's limit is 1,048,576 rows per sheet; larger tables continue on a further sheet with the same header.</summary>
    public const int MaxRowsPerSheet = 1_000_000;

    private static readonly string[] WideColumns = ["Name", "Address", "Description", "Law", "Penalty", "Remarks", "Authority"];

    private readonly XlsxWriter workbook;
    private readonly int rowsPerSheet;

    /// <param name="path">The workbook file, created or replaced.</param>
    /// <param name="entryTime">The modification time stored on every ZIP entry (keeps the bytes reproducible); 1980 to 2107.</param>
    /// <param name="rowsPerSheet">Data rows per sheet before a table continues on the next sheet.</param>
    public XlsxSampleWriter(string path, DateTimeOffset entryTime, int rowsPerSheet = MaxRowsPerSheet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerSheet, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowsPerSheet, MaxRowsPerSheet);
        this.rowsPerSheet = rowsPerSheet;
        workbook = XlsxWriter.Create(path, XlsxTable.Styles(), entryTime);
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

    public void Dispose() => workbook.Dispose();

    private long WriteSheet(string name, IReadOnlyList<SampleColumn> columns, SheetStyle style, IEnumerator<object?[]> rows, ref bool more, CancellationToken cancellationToken)
    {
        using var sheet = workbook.AddSheet(name);
        XlsxTable.Begin(sheet, [.. columns.Select(c => c.Header(style.Headers))], [.. columns.Select(c => Width(c, style.Headers))]);
        long written = 0;
        while (more && written < rowsPerSheet)
        {
            if ((written & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = rows.Current;
            var rowNumber = (int)written + 2;
            sheet.StartRow(rowNumber);
            for (var c = 0; c < row.Length; c++)
            {
                Value(sheet, style, c, row[c], rowNumber);
            }

            sheet.EndRow();
            written++;
            more = rows.MoveNext();
        }

        return written;
    }

    /// <summary>Wide enough for the header and wider for names and texts.</summary>
    private static double Width(SampleColumn column, HeaderLanguage language) =>
        XlsxTable.Width(column.Header(language), WideColumns.Any(w => column.English.Contains(w, StringComparison.Ordinal)));

    /// <summary>A value as the sheet's style writes it: date serials, numbers, or texts; an empty value leaves its cell out.</summary>
    private static void Value(XlsxSheet sheet, SheetStyle style, int column, object? value, int row)
    {
        switch (value)
        {
            case null:
                return;
            case DateOnly date when style.DatesAsCells:
                sheet.Number(column, XlsxSheet.DateSerial(date), XlsxTable.DateStyle);
                return;
            case int or decimal:
                sheet.Number(column, style.Text(value, row));
                return;
            default:
                var text = style.Text(value, row);
                if (text.Length > 0)
                {
                    sheet.Text(column, text);
                }

                return;
        }
    }
}
