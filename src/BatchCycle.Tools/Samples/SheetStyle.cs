using System.Globalization;

namespace BatchCycle.Samples;

/// <summary>
/// A coded value with the Chinese form docs/inputs.md gives for it (e.g. <c>New</c> 新申请); sheets with Chinese
/// headers write the Chinese form, as the mainland and Hong Kong offices do.
/// </summary>
public readonly record struct Choice(string English, string Chinese);

/// <summary>The written forms of a date in a text cell that docs/inputs.md accepts.</summary>
public enum DateForm
{
    /// <summary><c>2025-05-14</c>.</summary>
    Iso,

    /// <summary><c>2025/5/14</c>.</summary>
    Slash,

    /// <summary><c>2025年5月14日</c>.</summary>
    Chinese,

    /// <summary><c>14/05/2025</c>, day first as in Hong Kong.</summary>
    DayFirst,
}

/// <summary>The yes/no pairs docs/inputs.md accepts.</summary>
public enum YesNoForm
{
    YN,
    YesNo,
    ShiFou,
    Tick,
}

/// <summary>How one sheet (or CSV file) writes its header and its values.</summary>
public sealed record SheetStyle(
    HeaderLanguage Headers,
    IReadOnlyList<DateForm> DateForms,
    YesNoForm YesNo,
    bool DatesAsCells,
    bool ChineseValues)
{
    /// <summary>English headers, ISO dates, Y/N: the plain form of the csv and xlsx formats.</summary>
    public static SheetStyle Plain(bool datesAsCells) => new(HeaderLanguage.English, [DateForm.Iso], YesNoForm.YN, datesAsCells, false);

    /// <summary>The text of a date; rows rotate through the sheet's forms so one file shows several.</summary>
    public string DateText(DateOnly date, int row) => DateForms[row % DateForms.Count] switch
    {
        DateForm.Slash => date.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
        DateForm.Chinese => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日"),
        DateForm.DayFirst => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public string YesNoText(bool value) => (YesNo, value) switch
    {
        (YesNoForm.YesNo, true) => "Yes",
        (YesNoForm.YesNo, false) => "No",
        (YesNoForm.ShiFou, true) => "是",
        (YesNoForm.ShiFou, false) => "否",
        (YesNoForm.Tick, true) => "✓",
        (YesNoForm.Tick, false) => "✗",
        (_, true) => "Y",
        _ => "N",
    };

    /// <summary>The text of any value except a date cell; numbers in invariant culture.</summary>
    public string Text(object? value, int row) => value switch
    {
        null => "",
        string text => text,
        DateOnly date => DateText(date, row),
        bool flag => YesNoText(flag),
        Choice choice => ChineseValues ? choice.Chinese : choice.English,
        int number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A sample cell cannot hold a {value.GetType().Name}.", nameof(value)),
    };
}
