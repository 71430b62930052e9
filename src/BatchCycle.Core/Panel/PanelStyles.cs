using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Panel;

/// <summary>The stylesheet of the panel workbook: indexes of the cell formats the sheets use.</summary>
internal static class PanelStyles
{
    public const uint Default = 0;

    /// <summary>Bold on blue, wrapped: a requirement column's header is its id and its name on three lines.</summary>
    public const uint Header = 1;
    public const uint Eligible = 2;
    public const uint Ineligible = 3;
    public const uint NeedsReview = 4;
    public const uint Mark = 5;

    /// <summary>Text-formatted cells for the panel's entries, so that a remark typed as <c>-2</c> stays text.</summary>
    public const uint Entry = 6;
    public const uint Title = 7;

    /// <summary>Wrapped and top-aligned: reasons, evidence and names are shown whole, never cut at the column's edge.</summary>
    public const uint Wrap = 8;
    public const uint MarkMet = 9;
    public const uint MarkNotMet = 10;
    public const uint MarkUnknown = 11;

    /// <summary>True for the formats that wrap their text.</summary>
    public static bool Wraps(uint style) => style is Header or Eligible or Ineligible or NeedsReview or Entry or Wrap;

    public static Stylesheet Create()
    {
        var fonts = new Fonts(
            Font(),
            Font(bold: true),
            Font(colour: "006100"),
            Font(colour: "9C0006"),
            Font(colour: "9C5700"),
            Font(bold: true, size: 14));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("D9E1F2"),
            Solid("C6EFCE"),
            Solid("FFC7CE"),
            Solid("FFEB9C"));
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()));
        var formats = new CellFormats(
            Format(0, 0),
            Format(1, 2, wrap: true),
            Format(2, 3, wrap: true),
            Format(3, 4, wrap: true),
            Format(4, 5, wrap: true),
            Format(0, 0, centred: true),
            new CellFormat(Top(wrap: true)) { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, ApplyAlignment = true },
            Format(5, 0),
            Format(0, 0, wrap: true),
            Format(2, 3, centred: true),
            Format(3, 4, centred: true),
            Format(4, 5, centred: true));
        fonts.Count = (uint)fonts.ChildElements.Count;
        fills.Count = (uint)fills.ChildElements.Count;
        borders.Count = 1;
        formats.Count = (uint)formats.ChildElements.Count;
        return new Stylesheet(
            fonts,
            fills,
            borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            formats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            new DifferentialFormats { Count = 0 });
    }

    private static Font Font(bool bold = false, string? colour = null, double size = 11)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = size });
        if (colour is not null)
        {
            font.Append(new Color { Rgb = "FF" + colour });
        }

        font.Append(new FontName { Val = "Calibri" });
        font.Append(new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static Fill Solid(string colour) => new(new PatternFill(
        new ForegroundColor { Rgb = "FF" + colour },
        new BackgroundColor { Indexed = 64 })
    { PatternType = PatternValues.Solid });

    private static Alignment Top(bool wrap) => new() { Vertical = VerticalAlignmentValues.Top, WrapText = wrap };

    private static CellFormat Format(uint font, uint fill, bool wrap = false, bool centred = false)
    {
        var format = new CellFormat
        {
            NumberFormatId = 0,
            FontId = font,
            FillId = fill,
            BorderId = 0,
            FormatId = 0,
            ApplyFont = font != 0,
            ApplyFill = fill != 0,
        };
        if (wrap || centred)
        {
            var alignment = Top(wrap);
            if (centred)
            {
                alignment.Horizontal = HorizontalAlignmentValues.Center;
            }

            format.Append(alignment);
            format.ApplyAlignment = true;
        }

        return format;
    }
}
