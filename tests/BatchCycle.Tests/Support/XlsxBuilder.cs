using System.Globalization;
using BatchCycle.Files;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Tests.Support;

/// <summary>A formula cell with the value Excel last calculated for it (what a saved workbook holds).</summary>
public sealed record XlsxFormula(string Formula, object CachedValue);

/// <summary>An error cell such as <c>#N/A</c>, as Excel saves the result of a failed formula.</summary>
public sealed record XlsxError(string Code);

/// <summary>
/// Writes small .xlsx workbooks for tests with the product's streaming <see cref="XlsxWriter"/>: sheets (optionally
/// hidden) of rows of strings, numbers, dates, formulas and errors, merged ranges, and long runs of formatted but
/// empty rows. Rows are streamed, so a sheet of a million rows is written in seconds.
/// </summary>
public sealed class XlsxBuilder
{
    private const uint DateStyle = 1;
    private const uint BlankStyle = 2;
    private readonly List<SheetBuilder> sheets = [];

    public SheetBuilder Sheet(string name, bool hidden = false)
    {
        var sheet = new SheetBuilder(name, hidden);
        sheets.Add(sheet);
        return sheet;
    }

    public void Save(string path)
    {
        using var stream = File.Create(path);
        Write(stream);
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Write(stream);
        return stream.ToArray();
    }

    private void Write(Stream stream)
    {
        var styles = new Stylesheet(
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat(),
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                new CellFormat { FillId = 0, FontId = 0, BorderId = 0, ApplyFill = true }));
        using var workbook = new XlsxWriter(stream, styles, leaveOpen: true);
        foreach (var sheet in sheets)
        {
            using var part = workbook.AddSheet(sheet.Name, sheet.Hidden);
            sheet.WriteTo(part);
        }
    }

    public sealed class SheetBuilder(string name, bool hidden)
    {
        private readonly List<(int Row, object?[] Cells)> rows = [];
        private readonly List<string> merges = [];

        public string Name { get; } = name;

        public bool Hidden { get; } = hidden;

        private int NextRow => rows.Count == 0 ? 1 : rows[^1].Row + 1;

        /// <summary>The next row: strings, numbers, <see cref="DateTime"/>, <see cref="XlsxFormula"/>, <see cref="XlsxError"/> or null for an empty cell.</summary>
        public SheetBuilder Row(params object?[] cells) => RowAt(NextRow, cells);

        public SheetBuilder RowAt(int row, params object?[] cells)
        {
            if (rows.Count > 0 && row <= rows[^1].Row)
            {
                throw new ArgumentOutOfRangeException(nameof(row), row, "Rows must be added in increasing order.");
            }

            rows.Add((row, cells));
            return this;
        }

        /// <summary>Rows that carry a format but no value, as Excel keeps after formatting whole columns.</summary>
        public SheetBuilder BlankRows(int count)
        {
            var first = NextRow;
            for (var i = 0; i < count; i++)
            {
                rows.Add((first + i, []));
            }

            return this;
        }

        public SheetBuilder Merge(string range)
        {
            merges.Add(range);
            return this;
        }

        internal void WriteTo(XlsxSheet sheet)
        {
            foreach (var (row, cells) in rows)
            {
                sheet.StartRow(row);
                if (cells.Length == 0)
                {
                    sheet.Empty(0, BlankStyle);
                }

                for (var column = 0; column < cells.Length; column++)
                {
                    if (cells[column] is { } value)
                    {
                        WriteCell(sheet, column, XlsxSheet.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture), value);
                    }
                }

                sheet.EndRow();
            }

            sheet.EndRows();
            if (merges.Count > 0)
            {
                sheet.Element(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
            }
        }

        private static void WriteCell(XlsxSheet sheet, int column, string reference, object value)
        {
            switch (value)
            {
                case string text:
                    sheet.Text(column, text);
                    break;
                case DateTime date:
                    sheet.Number(column, date.ToOADate().ToString(CultureInfo.InvariantCulture), DateStyle);
                    break;
                case XlsxError or XlsxFormula:
                    sheet.Element(CellOf(reference, value));
                    break;
                default:
                    sheet.Number(column, Number(value));
                    break;
            }
        }

        private static string Number(object value) => value is IConvertible number
            ? Convert.ToDouble(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"Cannot write a {value.GetType().Name} to a cell.", nameof(value));

        private static Cell CellOf(string reference, object value) => value switch
        {
            string text => new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, DataType = CellValues.InlineString },
            DateTime date => new Cell(new CellValue(date.ToOADate().ToString(CultureInfo.InvariantCulture))) { CellReference = reference, StyleIndex = DateStyle },
            XlsxError error => new Cell(new CellValue(error.Code)) { CellReference = reference, DataType = CellValues.Error },
            XlsxFormula formula => FormulaCell(reference, formula),
            IConvertible number => new Cell(new CellValue(Convert.ToDouble(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))) { CellReference = reference },
            _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} to a cell.", nameof(value)),
        };

        private static Cell FormulaCell(string reference, XlsxFormula formula)
        {
            var cell = CellOf(reference, formula.CachedValue);
            if (formula.CachedValue is string text)
            {
                // A formula's text result is stored as a "str" cell value, not as an inline string.
                cell = new Cell(new CellValue(text)) { CellReference = reference, DataType = CellValues.String };
            }

            cell.PrependChild(new CellFormula(formula.Formula));
            return cell;
        }
    }
}
