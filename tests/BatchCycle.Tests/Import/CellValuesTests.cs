using BatchCycle.Cycle;
using BatchCycle.Import;

namespace BatchCycle.Tests.Import;

/// <summary>The value forms of docs/inputs.md "Values", one case per accepted form and per kind of bad value.</summary>
public sealed class CellValuesTests
{
    [Theory]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("Yes", true)]
    [InlineData("NO", false)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("✓", true)]
    [InlineData("✗", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("Ｙ", true)]
    public void Yes_no_text_forms(string text, bool expected)
    {
        Assert.Null(CellValues.TryYesNo(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Yes_no_cells_of_excel_booleans_and_numbers()
    {
        Assert.Null(CellValues.TryYesNo(true, out var fromBool));
        Assert.Null(CellValues.TryYesNo(0.0, out var fromNumber));
        Assert.Equal((true, false), (fromBool, fromNumber));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("是的")]
    public void Other_yes_no_values_are_problems(string text) =>
        Assert.Contains("not a yes/no value", CellValues.TryYesNo(text, out _)?.ToString());

    [Theory]
    [InlineData("2025-05-14", 2025, 5, 14)]
    [InlineData("2025/5/14", 2025, 5, 14)]
    [InlineData("2025.5.4", 2025, 5, 4)]
    [InlineData("2025年5月14日", 2025, 5, 14)]
    [InlineData("２０２５年５月１４日", 2025, 5, 14)]
    [InlineData("14/05/2025", 2025, 5, 14)]
    [InlineData("3/5/2025", 2025, 5, 3)]
    [InlineData("03.05.2025", 2025, 5, 3)]
    [InlineData("3-5-2025", 2025, 5, 3)]
    [InlineData("2025-05-14 00:00:00", 2025, 5, 14)]
    [InlineData("29/02/2024", 2024, 2, 29)]
    public void Date_text_forms_with_the_day_first_for_day_month_year(string text, int year, int month, int day)
    {
        Assert.Null(CellValues.TryDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData(45791.0, 2025, 5, 14)]
    [InlineData(45791.75, 2025, 5, 14)]
    [InlineData(36526.0, 2000, 1, 1)]
    public void Excel_serial_numbers_are_dates(double serial, int year, int month, int day)
    {
        Assert.Null(CellValues.TryDate(serial, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Fact]
    public void Excel_date_cells_are_dates()
    {
        Assert.Null(CellValues.TryDate(new DateTime(2025, 5, 14, 13, 0, 0), out var date));
        Assert.Equal(new DateOnly(2025, 5, 14), date);
    }

    [Theory]
    [InlineData("30/02/2025", "no day 30 of month 2")]
    [InlineData("2025-13-01", "no day 1 of month 13")]
    [InlineData("05/14/2025", "no day 5 of month 14")]
    [InlineData("next Monday", "is not a date")]
    [InlineData("2025-5", "is not a date")]
    [InlineData("2205-05-14", "not a plausible date")]
    [InlineData("1905-05-14", "not a plausible date")]
    public void Impossible_or_implausible_dates_are_problems(string text, string expected) =>
        Assert.Contains(expected, CellValues.TryDate(text, out _)?.ToString());

    [Theory]
    [InlineData(12.0)]
    [InlineData(-3.0)]
    [InlineData(3_000_000.0)]
    public void Numbers_that_are_not_plausible_serials_are_problems(double number) =>
        Assert.NotNull(CellValues.TryDate(number, out _));

    [Theory]
    [InlineData("M", LabelType.M)]
    [InlineData("e", LabelType.E)]
    [InlineData("Supply Chain Partner", LabelType.S)]
    [InlineData("technical service partner", LabelType.T)]
    [InlineData("粤港清洁生产优越伙伴（制造业）", LabelType.E)]
    [InlineData("粵港清潔生產夥伴（供應鏈）", LabelType.S)]
    [InlineData("粤港清洁生产伙伴(制造业)", LabelType.M)]
    public void Label_types_by_code_english_or_chinese_name(string text, LabelType expected)
    {
        Assert.True(Codes.LabelTypes.TryRead(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("Manufacturing")]
    public void Other_label_types_are_unknown(string text) => Assert.False(Codes.LabelTypes.TryRead(text, out _));

    [Theory]
    [InlineData("續期", ApplicationKind.Renewal)]
    [InlineData("new", ApplicationKind.New)]
    public void Application_kinds_in_english_and_chinese(string text, ApplicationKind expected)
    {
        Assert.True(Codes.ApplicationKinds.TryRead(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("(d)", FactoryRelationship.D)]
    [InlineData("ii", FactoryRelationship.HongKongOwned)]
    [InlineData("A", FactoryRelationship.A)]
    public void Relationships_of_footnote_4(string text, FactoryRelationship expected)
    {
        Assert.True(Codes.Relationships.TryRead(text, out var relationship));
        Assert.Equal(expected, relationship);
    }

    [Theory]
    [InlineData("批准", PanelDecisionValue.Approve)]
    [InlineData("不批准", PanelDecisionValue.Reject)]
    [InlineData("押後", PanelDecisionValue.Defer)]
    [InlineData("Approve", PanelDecisionValue.Approve)]
    public void Panel_decisions_in_english_and_chinese(string text, PanelDecisionValue expected)
    {
        Assert.True(Codes.Decisions.TryRead(text, out var decision));
        Assert.Equal(expected, decision);
    }

    [Theory]
    [InlineData("工信部綠色工廠", TitleType.GreenFactoryMiit)]
    [InlineData("市级清洁生产审核验收", TitleType.MunicipalCpAudit)]
    [InlineData("Green factory (provincial)", TitleType.GreenFactoryProvincial)]
    public void Title_types_by_code_or_chinese_name(string text, TitleType expected)
    {
        Assert.True(Codes.TitleTypes.TryRead(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("12345678-000-05-25-A", "12345678")]
    [InlineData("12345678", "12345678")]
    [InlineData(" 12345678 ", "12345678")]
    [InlineData("1234567", "01234567")]
    [InlineData("ABC", null)]
    [InlineData("123456789", null)]
    public void Br_numbers_from_br_certificate_numbers(string text, string? expected) =>
        Assert.Equal(expected, CellValues.BrNumber(text));

    [Fact]
    public void Br_number_cells_get_their_leading_zeros_back() =>
        Assert.Equal("01234567", CellValues.BrNumber(1234567.0));

    [Theory]
    [InlineData("91350100m000100y43", "91350100M000100Y43")]
    [InlineData(" ９１３５０１００Ｍ０００１００Ｙ４３ ", "91350100M000100Y43")]
    [InlineData("h12345678", "H12345678")]
    [InlineData("H12345678-000-05-25-A", "H12345678")]
    [InlineData("12345678", null)]
    [InlineData("H1234", null)]
    public void Factory_ids_are_a_uscc_or_h_plus_br(string text, string? expected) =>
        Assert.Equal(expected, CellValues.FactoryId(text));

    [Theory]
    [InlineData("51", 51)]
    [InlineData("51%", 51)]
    [InlineData("51.5", 51.5)]
    [InlineData("0.51", 0.51)]
    [InlineData("５１％", 51)]
    public void Percentages_are_taken_as_written(string text, double expected)
    {
        Assert.Null(CellValues.TryPercent(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("150")]
    [InlineData("half")]
    [InlineData("-5")]
    public void Other_percentages_are_problems(string text) => Assert.NotNull(CellValues.TryPercent(text, out _));

    [Theory]
    [InlineData("1,234.50", 1234.50)]
    [InlineData("HK$1,234", 1234)]
    [InlineData("HKD 800", 800)]
    [InlineData("$ 12", 12)]
    public void Amounts_with_thousands_and_currency(string text, double expected)
    {
        Assert.Null(CellValues.TryAmount(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("a lot")]
    public void Other_amounts_are_problems(string text) => Assert.NotNull(CellValues.TryAmount(text, out _));

    [Fact]
    public void Long_values_are_shortened_in_messages()
    {
        var quoted = CellValues.Quote(new string('x', 32_767));
        Assert.True(quoted.Length < 100);
        Assert.Contains("32767 characters", quoted);
    }
}
