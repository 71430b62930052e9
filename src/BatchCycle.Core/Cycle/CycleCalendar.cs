using BatchCycle.Messages;

namespace BatchCycle.Cycle;

/// <summary>
/// The dates a cycle's rules read, all derived from the cycle's opening and closing dates so that no rule
/// names a particular year (docs/criteria.md, "Cycle calendar").
/// </summary>
public sealed record CycleCalendar
{
    public CycleCalendar(int year, DateOnly opens, DateOnly closes)
    {
        if (year is < 2000 or > 2200)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A cycle year must be between 2000 and 2200.");
        }

        if (closes < opens)
        {
            throw new ArgumentException($"The cycle closes ({Days.Iso(closes)}) before it opens ({Days.Iso(opens)}).", nameof(closes));
        }

        Year = year;
        Opens = opens;
        Closes = closes;
    }

    /// <summary>The cycle year: labels expiring in this year are renewed in this cycle (guide 5.1).</summary>
    public int Year { get; }

    /// <summary>First day applications are accepted (guide 1.4).</summary>
    public DateOnly Opens { get; }

    /// <summary>Last day applications are accepted (guide 1.4).</summary>
    public DateOnly Closes { get; }

    /// <summary>"過去五年內": five years before the cycle opens.</summary>
    public DateOnly LookbackStart => Opens.AddYears(-5);

    /// <summary>New applications must have no violation from one year before the cycle opens (guide 4.1 II).</summary>
    public DateOnly ComplianceStart => Opens.AddYears(-1);

    /// <summary>Titles and labels must be valid, and evidence dated, on or before the closing date.</summary>
    public DateOnly ReferenceDate => Closes;

    /// <summary>First and last day of the cycle year, the window in which a label "expires this year".</summary>
    public DateOnly YearStart => new(Year, 1, 1);

    public DateOnly YearEnd => new(Year, 12, 31);

    public bool ExpiresThisYear(DateOnly expiresOn) => expiresOn.Year == Year;

    /// <summary>Inclusive on both ends, as the guide writes its windows.</summary>
    public static bool Within(DateOnly day, DateOnly from, DateOnly to) => day >= from && day <= to;
}
