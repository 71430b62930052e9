using System.Globalization;

namespace BatchCycle.Messages;

/// <summary>
/// How a day is written, in one place: ISO 8601 (<c>2025-05-14</c>) in files, arguments and English messages;
/// <c>2025年5月14日</c> in Chinese; <c>14 May 2025</c> in English prose such as a certificate. A day shown by
/// culture is <see cref="Catalogue.Day"/>, which picks one of these.
/// </summary>
public static class Days
{
    public const string IsoFormat = "yyyy-MM-dd";

    public static string Iso(DateOnly day) => day.ToString(IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>The ISO day, or <c>?</c> when there is none (a message about a record that lacks it).</summary>
    public static string Iso(DateOnly? day) => day is { } value ? Iso(value) : "?";

    public static string Chinese(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year}年{day.Month}月{day.Day}日");

    public static string English(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Reads an ISO day exactly as <see cref="Iso(DateOnly)"/> writes it; anything else is false.</summary>
    public static bool TryParseIso(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, IsoFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static DateOnly ParseIso(string text) => DateOnly.ParseExact(text, IsoFormat, CultureInfo.InvariantCulture);
}
