using BatchCycle.Certificates;
using BatchCycle.Cycle;

namespace BatchCycle.Tests.Certificates;

public sealed class SerialFormatTests
{
    [Theory]
    [InlineData("{Year}-{Code}-{Seq:0000}", 2025, LabelType.M, 1, "2025-M-0001")]
    [InlineData("{Year}-{Code}-{Seq:0000}", 2026, LabelType.E, 42, "2026-E-0042")]
    [InlineData("{Year}-{Code}-{Seq:0000}", 2025, LabelType.T, 10000, "2025-T-10000")]
    [InlineData("CPP_{Code}{Year}.{Seq:000}", 2027, LabelType.S, 7, "CPP_S2027.007")]
    [InlineData("{Year}{Code}{Seq}", 2025, LabelType.M, 12, "2025M12")]
    [InlineData("{Seq:00}-{Code}-{Year}", 2025, LabelType.E, 3, "03-E-2025")]
    [InlineData("{Year}-{Code}-{Seq:#}", 2025, LabelType.E, 3, "2025-E-3")]
    public void A_serial_fills_the_placeholders_of_the_setting(string pattern, int year, LabelType type, int sequence, string expected) =>
        Assert.Equal(expected, SerialFormat.Parse(pattern).Format(year, type, sequence));

    [Theory]
    [InlineData("{Year}-{Code}", "lacks {Seq}")]
    [InlineData("{Code}-{Seq:0000}", "lacks {Year}")]
    [InlineData("{Year}-{Seq:0000}", "lacks {Code}")]
    [InlineData("{Year}-{Type}-{Seq:0000}", "unknown placeholder '{Type}'")]
    [InlineData("{Year}-{Code}-{Seq:N2}", "sequence format 'N2'")]
    [InlineData("{Year:yy}-{Code}-{Seq:0000}", "unknown placeholder '{Year:yy}'")]
    [InlineData("{Year}-{Code}-{Seq:0000", "brace outside a placeholder")]
    [InlineData("{Year}-{Code}}-{Seq:0000}", "brace outside a placeholder")]
    [InlineData("{Year}/{Code}/{Seq:0000}", "cannot be part of a file name")]
    [InlineData("{Year}:{Code}-{Seq:0000}", "cannot be part of a file name")]
    public void A_pattern_that_cannot_make_unique_serials_is_refused_naming_the_setting(string pattern, string problem)
    {
        var error = Assert.Throws<SettingsException>(() => SerialFormat.Parse(pattern));

        Assert.Contains("BatchCycle:SerialFormat", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Sequences_start_at_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SerialFormat.Parse("{Year}-{Code}-{Seq:0000}").Format(2025, LabelType.M, 0));
}
