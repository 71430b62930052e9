using BatchCycle.Cycle;

namespace BatchCycle.Tests.Cycle;

public sealed class CycleCalendarTests
{
    [Theory]
    [InlineData(2025, "2025-05-14", "2025-07-21", "2020-05-14", "2024-05-14", "2025-07-21")]
    [InlineData(2027, "2027-05-12", "2027-07-19", "2022-05-12", "2026-05-12", "2027-07-19")]
    [InlineData(2028, "2028-02-29", "2028-04-30", "2023-02-28", "2027-02-28", "2028-04-30")]
    public void Derived_dates_follow_the_opening_and_closing_dates(
        int year, string opens, string closes, string lookback, string compliance, string reference)
    {
        var calendar = new CycleCalendar(year, DateOnly.Parse(opens), DateOnly.Parse(closes));

        Assert.Equal(DateOnly.Parse(lookback), calendar.LookbackStart);
        Assert.Equal(DateOnly.Parse(compliance), calendar.ComplianceStart);
        Assert.Equal(DateOnly.Parse(reference), calendar.ReferenceDate);
    }

    [Theory]
    [InlineData(LabelType.M, "2023-12-19", "2025-12-18")]
    [InlineData(LabelType.E, "2023-12-19", "2025-12-18")]
    [InlineData(LabelType.S, "2023-12-19", "2025-12-18")]
    [InlineData(LabelType.T, "2024-10-31", "2025-10-30")]
    public void A_label_expires_the_day_before_its_anniversary(LabelType type, string awarded, string expires) =>
        Assert.Equal(DateOnly.Parse(expires), LabelTypes.ExpiresOn(type, DateOnly.Parse(awarded)));

    [Fact]
    public void A_cycle_that_closes_before_it_opens_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CycleCalendar(2025, new DateOnly(2025, 7, 21), new DateOnly(2025, 5, 14)));
        Assert.Equal("closes", error.ParamName);
    }
}
