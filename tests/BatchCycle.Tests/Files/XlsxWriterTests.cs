using System.Globalization;
using System.Security.Cryptography;
using BatchCycle.Files;
using BatchCycle.Tests.Panel;
using BatchCycle.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchCycle.Tests.Files;

public sealed class XlsxWriterTests
{
    private static readonly DateTimeOffset EntryTime = new(2025, 5, 14, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Texts_numbers_dates_and_empty_cells_read_back_as_written_with_the_spaces_around_a_text_kept()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("book.xlsx");
        using (var workbook = XlsxWriter.Create(path, XlsxTable.Styles(), EntryTime))
        {
            using var sheet = workbook.AddSheet("Table 表");
            XlsxTable.Begin(sheet, ["Name 名称", "Count", "On"], [20, 12, 12]);
            sheet.StartRow(2);
            sheet.Text(0, "  永明制衣厂 ");
            sheet.Number(1, 42);
            sheet.Number(2, XlsxSheet.DateSerial(new DateOnly(2024, 1, 25)), XlsxTable.DateStyle);
            sheet.StartRow(4);
            sheet.Empty(0, XlsxTable.HeaderStyle);
            sheet.Text(2, "last");
        }

        var rows = WorkbookReaders.ReadWithExcelDataReader(path)["Table 表"];
        Assert.Equal(["Name 名称", "Count", "On"], rows[0]);
        Assert.Equal("  永明制衣厂 ", rows[1][0]);
        Assert.Equal("42", rows[1][1]);
        Assert.Equal(new DateTime(2024, 1, 25), DateTime.Parse(rows[1][2], CultureInfo.InvariantCulture));
        Assert.Equal(["", "", "last"], rows[3]);
    }

    [Fact]
    public void Sheets_keep_their_order_names_hidden_state_and_defined_names()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("book.xlsx");
        using (var workbook = XlsxWriter.Create(path, XlsxTable.Styles()))
        {
            foreach (var (name, hidden) in new[] { ("First", false), ("Hidden", true), ("Third 第三", false) })
            {
                using var sheet = workbook.AddSheet(name, hidden);
                sheet.StartRow(1);
                sheet.Text(0, name);
            }

            workbook.DefineName(new DefinedName("'Third 第三'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = 2 });
        }

        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var book = document.WorkbookPart!.Workbook;
        var sheets = book.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["First", "Hidden", "Third 第三"], sheets.Select(s => s.Name!.Value));
        Assert.Equal([false, true, false], sheets.Select(s => s.State?.Value == SheetStateValues.Hidden));
        foreach (var sheet in sheets)
        {
            var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
            Assert.Equal(sheet.Name!.Value, part.Worksheet.Descendants<Text>().Single().Text);
        }

        var defined = Assert.Single(book.DefinedNames!.Elements<DefinedName>());
        Assert.Equal(("_xlnm.Print_Titles", 2u, "'Third 第三'!$1:$1"), (defined.Name!.Value!, defined.LocalSheetId!.Value, defined.Text));
    }

    [Fact]
    public void The_same_content_and_entry_time_give_the_same_bytes_and_a_write_only_stream_will_do()
    {
        byte[] Write()
        {
            using var target = new MemoryStream();
            using (var writeOnly = new WriteOnlyStream(target))
            using (var workbook = new XlsxWriter(writeOnly, XlsxTable.Styles(), EntryTime))
            {
                using var sheet = workbook.AddSheet("Rows");
                for (var row = 1; row <= 500; row++)
                {
                    sheet.StartRow(row);
                    sheet.Text(0, $"row {row}");
                    sheet.Number(1, row);
                }
            }

            return target.ToArray();
        }

        // ZIP entry times have a resolution of two seconds: the second workbook is written after the clock has moved on.
        var first = Write();
        Thread.Sleep(2100);
        Assert.Equal(SHA256.HashData(first), SHA256.HashData(Write()));
        using var temp = new TempFolder();
        var path = temp.Combine("rows.xlsx");
        File.WriteAllBytes(path, first);
        var rows = WorkbookReaders.ReadWithExcelDataReader(path)["Rows"];
        Assert.Equal(500, rows.Count);
        Assert.Equal(["row 500", "500"], rows[^1]);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Columns_are_named_by_letters(int index, string name) => Assert.Equal(name, XlsxSheet.ColumnName(index));

    /// <summary>A stream that can only be written forwards, as a response body.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
