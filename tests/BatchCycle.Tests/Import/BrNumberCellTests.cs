using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Import;

/// <summary>
/// docs/criteria.md 2.1: Excel drops the leading zeros of a BR number kept as a number, so a numeric cell is padded
/// without a word; a text cell typed with fewer than 8 digits is padded too but warned and kept for 2.1 to confirm.
/// </summary>
public sealed class BrNumberCellTests
{
    public static TheoryData<string, object, string, string?> Cells => new()
    {
        { "xlsx", 1234567, "01234567", null },
        { "xlsx", "1234567", "01234567", "1234567" },
        { "xlsx", "12345678", "12345678", null },
        { "csv", "1234567", "01234567", "1234567" },
        { "csv", "01234567", "01234567", null },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_short_br_number_is_warned_only_when_typed_as_text(string format, object cell, string expected, string? asWritten)
    {
        object?[] header = ["ApplicationId", "LabelType", "Kind", "ApplicantName", "RegistrationNo", "SubmittedOn"];
        object?[] row = ["A-1", "M", "New", "恒丰", cell, "2025-05-14"];
        var content = format == "csv" ? TestFiles.Utf8Csv([header, row]) : Workbook(header, row);

        var import = TestFiles.Import(($"apps.{format}", content));

        var application = Assert.Single(import.ToCycleData().Applications);
        Assert.Equal((expected, asWritten), (application.RegistrationNo, application.RegistrationNoAsWritten));
        if (asWritten is null)
        {
            Assert.Empty(import.Issues);
        }
        else
        {
            var issue = Assert.Single(import.Issues);
            Assert.Equal(("RegistrationNo", 2), (issue.Column, issue.Row!.Value));
            Assert.Equal($"BR number given as 7 digits, read as {expected}: confirm", issue.Problem);
        }
    }

    private static byte[] Workbook(object?[] header, object?[] row)
    {
        var book = new XlsxBuilder();
        book.Sheet("Sheet1").Row(header).Row(row);
        return book.ToBytes();
    }
}
