using BatchCycle.Files;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Panel;

/// <summary>
/// One sheet of the panel workbook, written with the streaming <see cref="XlsxSheet"/>; rows are numbered as they
/// are written. Every sheet is set up to print for the panel's meeting: landscape A4, one page wide, the header row
/// repeated (the workbook's print titles), the sheet name and page number in the footer.
/// </summary>
internal sealed class SheetStream(XlsxSheet writer)
{
    /// <summary>Points per line of 11-point text, as spreadsheet programs space it.</summary>
    private const double LineHeight = 14.5;

    private readonly RowWriter rowWriter = new();
    private IReadOnlyList<double> widths = [];
    private int rowIndex;

    public int Rows => rowIndex;

    public void Begin(IReadOnlyList<double> widths, bool frozenHeader, IReadOnlyList<uint?>? columnStyles)
    {
        this.widths = widths;

        // Fit to page: with the page setup's fitToWidth 1 and fitToHeight 0, one page wide and as many pages tall as needed.
        writer.Element(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        var view = new SheetView { WorkbookViewId = 0 };
        if (frozenHeader)
        {
            // The header row and the ApplicationId column stay in view while the panel scrolls.
            view.Append(new Pane
            {
                HorizontalSplit = 1,
                VerticalSplit = 1,
                TopLeftCell = "B2",
                ActivePane = PaneValues.BottomRight,
                State = PaneStateValues.Frozen,
            });
            view.Append(new Selection { Pane = PaneValues.BottomRight, ActiveCell = "B2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "B2" } });
        }

        writer.Element(new SheetViews(view));
        var cols = new Columns();
        for (var c = 0; c < widths.Count; c++)
        {
            var column = new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = widths[c], CustomWidth = true };
            if (columnStyles?[c] is { } style)
            {
                column.Style = style;
            }

            cols.Append(column);
        }

        writer.Element(cols);
    }

    /// <summary>
    /// Writes a row. A row whose wrapped texts need more than one line gets the height they need: spreadsheet
    /// programs do not grow a row on opening a file, so without it a reason would print cut after its first line.
    /// </summary>
    public void Row(Action<RowWriter> cells)
    {
        rowIndex++;
        rowWriter.Start();
        cells(rowWriter);
        var lines = rowWriter.Lines(widths);
        writer.StartRow(rowIndex, lines > 1 ? Math.Round((lines * LineHeight) + 3, 1) : null);
        rowWriter.Flush(writer);
        writer.EndRow();
    }

    /// <param name="filterRange">The range of the sheet's filter, if it has one.</param>
    /// <param name="decisionColumn">The Decision column and the number of data rows, for the drop-down.</param>
    /// <param name="decisionPrompt">The bilingual texts of the drop-down: title, prompt, error.</param>
    public void End(string? filterRange, (int Column, int Rows)? decisionColumn, (string Title, string Prompt, string Error)? decisionPrompt = null)
    {
        writer.EndRows();
        if (filterRange is not null)
        {
            writer.Element(new AutoFilter { Reference = filterRange });
        }

        if (decisionColumn is { } decision && decisionPrompt is { } texts)
        {
            var name = XlsxSheet.ColumnName(decision.Column);
            writer.Element(new DataValidations(
                new DataValidation(new Formula1($"\"{string.Join(',', PanelWorkbookWriter.DecisionChoices)}\""))
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowInputMessage = true,
                    ShowErrorMessage = true,
                    PromptTitle = texts.Title,
                    Prompt = texts.Prompt,
                    ErrorTitle = texts.Title,
                    Error = texts.Error,
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{name}2:{name}{decision.Rows + 1}" },
                })
            { Count = 1 });
        }

        writer.Element(new PrintOptions { GridLines = true });
        writer.Element(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.Element(new PageSetup
        {
            PaperSize = 9,
            Orientation = OrientationValues.Landscape,
            FitToWidth = 1,
            FitToHeight = 0,
        });

        // &A is the sheet's name, &P its page and &N the number of pages.
        writer.Element(new HeaderFooter(new OddFooter("&L&A&R&P / &N")));
    }
}

/// <summary>
/// Takes the cells of one row left to right, then writes them; a null or empty value leaves its cell out. The
/// cells are held until the row is complete because the row's height, written first, depends on its wrapped texts.
/// </summary>
internal sealed class RowWriter
{
    private readonly List<(string? Text, long? Number, uint Style)> pending = [];

    public RowWriter Text(string? value, uint style = PanelStyles.Default)
    {
        pending.Add((value, null, style));
        return this;
    }

    public RowWriter Number(long? value, uint style = PanelStyles.Default)
    {
        pending.Add((null, value, style));
        return this;
    }

    internal void Start() => pending.Clear();

    /// <summary>The lines the tallest wrapped cell of the row needs in its column.</summary>
    internal int Lines(IReadOnlyList<double> widths)
    {
        var lines = 1;
        for (var c = 0; c < pending.Count && c < widths.Count; c++)
        {
            if (pending[c].Text is { Length: > 0 } value && PanelStyles.Wraps(pending[c].Style))
            {
                lines = Math.Max(lines, CellText.Lines(value, widths[c], bold: pending[c].Style == PanelStyles.Header));
            }
        }

        return lines;
    }

    internal void Flush(XlsxSheet writer)
    {
        for (var c = 0; c < pending.Count; c++)
        {
            var (value, number, style) = pending[c];
            if (number is { } n)
            {
                writer.Number(c, n, style);
            }
            else if (!string.IsNullOrEmpty(value))
            {
                writer.Text(c, XlsxText.Escape(value), style);
            }
            else if (style is PanelStyles.Header or PanelStyles.Title)
            {
                // An empty header or summary cell still carries its fill; empty data cells are left out.
                writer.Empty(c, style);
            }
        }

        pending.Clear();
    }
}
