using BatchCycle.Files;

namespace BatchCycle.Tests.Files;

/// <summary>A result file's fields as RFC 4180 quotes them, with a formula-like field made inert (OWASP CSV injection).</summary>
public sealed class CsvOutputTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("plain 文字", "plain 文字")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"yes\"", "\"say \"\"yes\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("line\r\nnext", "\"line\r\nnext\"")]
    [InlineData("line\nnext", "\"line\nnext\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("a-b", "a-b")]
    public void A_field_is_quoted_only_when_it_must_be_and_a_formula_never_runs(string? value, string expected)
    {
        Assert.Equal(expected, CsvOutput.Field(value));
    }

    [Fact]
    public void A_line_joins_its_fields_with_commas_and_ends_with_CRLF()
    {
        Assert.Equal("A-1,\"x, y\",,'+3\r\n", CsvOutput.Line(["A-1", "x, y", null, "+3"]));
    }
}
