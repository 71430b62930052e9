using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Tests.Support;

/// <summary>A formula cell with the value Excel last calculated for it (what a saved workbook holds).</summary>
public sealed record XlsxFormula(string Formula, object CachedValue);

/// <summary>An error cell such as <c>#N/A</c>, as Excel saves the result of a failed formula.</summary>
public sealed record XlsxError(string Code);

/// <summary>
/// Writes small .xlsx workbooks for tests with the Open XML SDK: sheets (optionally hidden) of rows of strings,
/// numbers, dates, formulas and errors, merged ranges, and long runs of formatted but empty rows. Rows are
/// streamed, so a sheet of a million rows is written in seconds.
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
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat(),
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                new CellFormat { FillId = 0, FontId = 0, BorderId = 0, ApplyFill = true }));

        var sheetList = new Sheets();
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            sheet.WriteTo(part);
            sheetList.Append(new Sheet
            {
                Name = sheet.Name,
                SheetId = id++,
                Id = workbookPart.GetIdOfPart(part),
                State = sheet.Hidden ? SheetStateValues.Hidden : null,
            });
        }

        workbookPart.Workbook = new Workbook(sheetList);
        workbookPart.Workbook.Save();
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

        internal void WriteTo(WorksheetPart part)
        {
            // The sheet XML is written directly (the SDK's element objects cost microseconds each, which a
            // million rows turn into many seconds); the cells themselves are made by the SDK.
            const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
            using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
            writer.WriteStartElement("worksheet", Main);
            writer.WriteStartElement("sheetData", Main);
            foreach (var (row, cells) in rows)
            {
                var number = row.ToString(CultureInfo.InvariantCulture);
                writer.WriteStartElement("row", Main);
                writer.WriteAttributeString("r", number);
                if (cells.Length == 0)
                {
                    writer.WriteStartElement("c", Main);
                    writer.WriteAttributeString("r", "A" + number);
                    writer.WriteAttributeString("s", BlankStyle.ToString(CultureInfo.InvariantCulture));
                    writer.WriteEndElement();
                }

                for (var column = 0; column < cells.Length; column++)
                {
                    if (cells[column] is { } value)
                    {
                        writer.WriteRaw(CellOf(ColumnName(column) + number, value).OuterXml);
                    }
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            if (merges.Count > 0)
            {
                writer.WriteStartElement("mergeCells", Main);
                foreach (var merge in merges)
                {
                    writer.WriteStartElement("mergeCell", Main);
                    writer.WriteAttributeString("ref", merge);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

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

        internal static string ColumnName(int index)
        {
            var name = "";
            for (var n = index + 1; n > 0; n = (n - 1) / 26)
            {
                name = (char)('A' + ((n - 1) % 26)) + name;
            }

            return name;
        }
    }
}
