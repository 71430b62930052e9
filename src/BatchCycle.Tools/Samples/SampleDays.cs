using BatchCycle.Cycle;

namespace BatchCycle.Samples;

/// <summary>Days of earlier cycles, derived from the calendar of the cycle being generated (never from a fixed year).</summary>
public static class SampleDays
{
    /// <summary>
    /// The ceremony of the cycle <paramref name="yearsBack"/> years ago, where manufacturing and supply-chain labels
    /// were awarded: five months after the closing date, less two days (2023-12-19 seen from the 2025 cycle, as
    /// the guide's note to 5.2 says).
    /// </summary>
    public static DateOnly AwardDay(CycleCalendar calendar, int yearsBack) => calendar.Closes.AddYears(-yearsBack).AddMonths(5).AddDays(-2);

    /// <summary>Technical-service labels are awarded earlier in the autumn (2024-10-31 seen from the 2025 cycle).</summary>
    public static DateOnly TechnicalAwardDay(CycleCalendar calendar, int yearsBack) => calendar.Closes.AddYears(-yearsBack).AddMonths(3).AddDays(10);
}
