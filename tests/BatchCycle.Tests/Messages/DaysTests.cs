using BatchCycle.Messages;

namespace BatchCycle.Tests.Messages;

public sealed class DaysTests
{
    [Theory]
    [InlineData(2025, 5, 14, "2025-05-14", "2025年5月14日", "14 May 2025")]
    [InlineData(2026, 12, 1, "2026-12-01", "2026年12月1日", "1 December 2026")]
    [InlineData(2024, 2, 29, "2024-02-29", "2024年2月29日", "29 February 2024")]
    public void A_day_is_written_the_same_way_everywhere(int year, int month, int day, string iso, string chinese, string english)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(iso, Days.Iso(date));
        Assert.Equal(chinese, Days.Chinese(date));
        Assert.Equal(english, Days.English(date));
        Assert.Equal(iso, Catalogue.Day(date, Catalogue.English));
        Assert.Equal(chinese, Catalogue.Day(date, Catalogue.Simplified));
        Assert.Equal(chinese, Catalogue.Day(date, Catalogue.Traditional));
        Assert.True(Days.TryParseIso(iso, out var read));
        Assert.Equal(date, read);
    }

    [Theory]
    [InlineData("2025-5-14")]
    [InlineData("14/05/2025")]
    [InlineData("2025-02-30")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_an_ISO_day_is_read(string? text)
    {
        Assert.False(Days.TryParseIso(text, out _));
    }

    [Fact]
    public void A_missing_day_is_a_question_mark()
    {
        Assert.Equal("?", Days.Iso((DateOnly?)null));
        Assert.Equal("2025-07-21", Days.Iso((DateOnly?)new DateOnly(2025, 7, 21)));
    }
}
