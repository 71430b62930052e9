using BatchCycle.Samples;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Samples;

public sealed class XlsxSampleWriterTests
{
    [Fact]
    public void A_table_longer_than_a_sheet_continues_on_further_sheets_with_the_same_header_and_dates_stay_dates()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("titles.xlsx");
        var columns = InputSchemas.Columns(SampleKind.Titles);
        var rows = Enumerable.Range(0, 25).Select(i => new object?[]
        {
            $"H{10000000 + i}", "永明制衣厂", SampleChoices.GreenFactoryMiit, null, new DateOnly(2024, 1, 1).AddDays(i), null,
        });
        using (var workbook = new XlsxSampleWriter(path, new DateTimeOffset(2025, 5, 14, 0, 0, 0, TimeSpan.Zero), rowsPerSheet: 10))
        {
            Assert.Equal(25, workbook.AddTable("Titles", columns, SheetStyle.Plain(datesAsCells: true), rows, CancellationToken.None));
        }

        var sheets = SampleFiles.Read(path);
        Assert.Equal(["Titles", "Titles (2)", "Titles (3)"], sheets.Select(s => s.Sheet));
        Assert.Equal([10, 10, 5], sheets.Select(s => s.Rows.Count));
        Assert.All(sheets, s => Assert.Equal(columns.Select(c => c.English), s.Header));
        Assert.Equal("2024-01-25", sheets[2].Rows[4][4]);
        Assert.Equal("H10000024", sheets[2].Rows[4][0]);
    }
}
