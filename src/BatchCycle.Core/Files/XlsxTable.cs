using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Files;

/// <summary>
/// A plain table sheet, as the secretariat's own files and the public shortlist are laid out: a bold header row
/// that stays in view, the rows under it, and the stylesheet such workbooks use.
/// </summary>
public static class XlsxTable
{
    /// <summary>The style of a date cell (<c>yyyy-mm-dd</c>) in <see cref="Styles"/>.</summary>
    public const uint DateStyle = 1;

    /// <summary>The style of a header cell (bold) in <see cref="Styles"/>.</summary>
    public const uint HeaderStyle = 2;

    /// <summary>Style 0 default, 1 a date (yyyy-mm-dd), 2 the bold header.</summary>
    public static Stylesheet Styles() => new(
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

    /// <summary>Wide enough for the header (a Chinese character takes two widths), and wider for a column of names or texts.</summary>
    public static double Width(string header, bool wide)
    {
        ArgumentNullException.ThrowIfNull(header);
        var width = header.Sum(ch => ch > 0x2E80 ? 2 : 1) + 4;
        return wide ? Math.Max(width, 36) : Math.Clamp(width, 12, 30);
    }

    /// <summary>Writes the frozen header pane, the column widths and the header row (row 1); the data rows follow from row 2.</summary>
    public static void Begin(XlsxSheet sheet, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(widths);
        sheet.Element(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = "A2",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        })
        { WorkbookViewId = 0 }));
        var columns = new Columns();
        for (var c = 0; c < widths.Count; c++)
        {
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = widths[c], CustomWidth = true });
        }

        sheet.Element(columns);
        sheet.StartRow(1);
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Text(c, headers[c], HeaderStyle);
        }

        sheet.EndRow();
    }
}
