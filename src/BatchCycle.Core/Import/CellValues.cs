using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;
using BatchCycle.Messages;

namespace BatchCycle.Import;

/// <summary>
/// Reads the value forms of docs/inputs.md "Values" from a cell. Each reader returns null when the value was read,
/// or the problem in the words shown to the secretariat; a blank cell is the caller's business.
/// </summary>
public static partial class CellValues
{
    /// <summary>
    /// Dates outside these years are typing errors (2205 for 2025, or a number that is not a date): the scheme
    /// started in 2008 and no record of a cycle reaches back before the oldest company registrations.
    /// </summary>
    public const int EarliestYear = 1950;

    public const int LatestYear = 2100;

    /// <summary>The longest value quoted in a message; a cell may hold up to 32,767 characters.</summary>
    private const int QuoteLength = 60;

    /// <summary>The characters of a plain amount such as <c>49000</c> or <c>1,234.50</c>, read as they are.</summary>
    private static readonly SearchValues<char> AmountCharacters = SearchValues.Create("0123456789.,");

    private static readonly string[] YesWords = ["y", "yes", "true", "是", "✓", "✔", "√", "1"];
    private static readonly string[] NoWords = ["n", "no", "false", "否", "✗", "✘", "×", "0"];

    /// <summary>The cell as text, trimmed; null when it is empty or only spaces.</summary>
    public static string? Text(object? cell)
    {
        var text = cell switch
        {
            null => null,
            string s => s,
            double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            DateTime t => t.TimeOfDay == TimeSpan.Zero ? Days.Iso(DateOnly.FromDateTime(t)) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString(),
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A value quoted for a message, shortened when long.</summary>
    public static string Quote(string value) =>
        value.Length <= QuoteLength ? $"'{value}'" : $"'{value[..QuoteLength]}…' ({value.Length} characters)";

    public static Message? TryYesNo(object cell, out bool value)
    {
        value = false;
        switch (cell)
        {
            case bool b:
                value = b;
                return null;
            case double d when d is 0 or 1:
                value = d == 1;
                return null;
        }

        var text = Text(cell) ?? "";
        var folded = TextFolding.Fold(text);
        if (YesWords.Contains(folded))
        {
            value = true;
            return null;
        }

        if (NoWords.Contains(folded))
        {
            return null;
        }

        return Message.Of("Import.NotYesNo", Quote(text));
    }

    public static Message? TryDate(object cell, out DateOnly value)
    {
        value = default;
        switch (cell)
        {
            case DateTime dateTime:
                value = DateOnly.FromDateTime(dateTime);
                return CheckRange(value, Text(cell)!);
            case double serial:
                // A date typed into a cell formatted as General or Number arrives as Excel's day serial.
                if (serial < 1 || serial > 2958465)
                {
                    return Message.Of("Import.NumberNotDate", Text(cell)!);
                }

                value = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
                return CheckRange(value, Message.Of("Import.ExcelSerial", Text(cell)!, value));
        }

        var text = Text(cell) ?? "";

        // 2025-05-14, the form the secretariat's systems export, is read without the general patterns.
        if ((IsoDate(text) ?? WrittenDate(text.Normalize(NormalizationForm.FormKC))) is not (var year, var month, var day))
        {
            return Message.Of("Import.NotDate", Quote(text));
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
        {
            return Message.Of("Import.NoSuchDay", Quote(text), day, month, year);
        }

        value = new DateOnly(year, month, day);
        return CheckRange(value, Quote(text));
    }

    /// <summary>An amount such as <c>1,234.50</c>, <c>HK$1,234</c> or <c>HKD 1234</c>; negative amounts are refused.</summary>
    public static Message? TryAmount(object cell, out decimal value)
    {
        value = 0;
        if (cell is double d)
        {
            value = (decimal)d;
        }
        else
        {
            var text = Text(cell) ?? "";
            var plain = text.AsSpan().ContainsAnyExcept(AmountCharacters) ? AmountNoise().Replace(text.Normalize(NormalizationForm.FormKC), "") : text;
            if (!decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                return Message.Of("Import.NotAmount", Quote(text));
            }
        }

        return value < 0 ? Message.Of("Import.NegativeAmount", Text(cell)!) : null;
    }

    /// <summary>
    /// A percentage: <c>51</c>, <c>51%</c>, <c>51.5</c>. A number without a % sign is taken as written, so
    /// <c>0.51</c> is 0.51 %, not 51 %: the column is headed in per cent, and guessing would turn a genuine
    /// 0.5 % stake into 50 %. Excel cells formatted as a percentage arrive with their % sign (see the reader).
    /// </summary>
    public static Message? TryPercent(object cell, out decimal value)
    {
        value = 0;
        var text = (Text(cell) ?? "").Normalize(NormalizationForm.FormKC);
        var number = text.EndsWith('%') ? text[..^1].Trim() : text;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return Message.Of("Import.NotPercent", Quote(text));
        }

        return value > 100 ? Message.Of("Import.PercentOver100", Quote(text)) : null;
    }

    /// <summary>A year such as <c>2024</c> or <c>2024年</c>.</summary>
    public static Message? TryYear(object cell, out int value)
    {
        var text = (Text(cell) ?? "").Normalize(NormalizationForm.FormKC);
        var number = text.EndsWith('年') ? text[..^1].Trim() : text;
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < EarliestYear || value > LatestYear)
        {
            return Message.Of("Import.NotYear", Quote(text));
        }

        return null;
    }

    /// <summary>An identifier as compared everywhere: full-width folded, trimmed and upper-cased.</summary>
    public static string Identifier(string text) => text.Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();

    /// <summary>
    /// The 8-digit Hong Kong BR number of a BR number or BR certificate number (<c>12345678-000-05-25-A</c>),
    /// or null when the text is neither. Fewer digits mean Excel took the number as a number and dropped its
    /// leading zeros (also in a CSV saved from Excel), so they are put back.
    /// </summary>
    public static string? BrNumber(object cell)
    {
        if (cell is double d && d >= 1 && d < 100_000_000 && d == Math.Floor(d))
        {
            return d.ToString("00000000", CultureInfo.InvariantCulture);
        }

        var id = Identifier(Text(cell) ?? "");
        if (id.Length is > 0 and < 8 && id.All(char.IsAsciiDigit))
        {
            return id.PadLeft(8, '0');
        }

        var match = BrPattern().Match(id);
        return match.Success ? match.Groups["br"].Value : null;
    }

    /// <summary>
    /// A factory id in its one form: a USCC (18 characters) or <c>H</c> + the 8-digit BR number, also when
    /// written in lower case or with the rest of the BR certificate number. Null when it is neither.
    /// </summary>
    public static string? FactoryId(string text)
    {
        var id = Identifier(text);
        if (id.Length == 18 && UsccShape().IsMatch(id))
        {
            return id;
        }

        var match = HongKongFactory().Match(id);
        return match.Success ? "H" + match.Groups["br"].Value : null;
    }

    private static (int Year, int Month, int Day)? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return null;
        }

        var span = text.AsSpan();
        return int.TryParse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(span[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(span[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
                ? (year, month, day)
                : null;
    }

    /// <summary>A date in any of the forms the patterns accept, year first or day first.</summary>
    private static (int Year, int Month, int Day)? WrittenDate(string normal)
    {
        if (YearFirst().Match(normal) is { Success: true } ymd)
        {
            return (Int(ymd.Groups["y"]), Int(ymd.Groups["m"]), Int(ymd.Groups["d"]));
        }

        // Hong Kong writes the day first: 03/05/2025 is 3 May.
        return DayFirst().Match(normal) is { Success: true } dmy
            ? (Int(dmy.Groups["y"]), Int(dmy.Groups["m"]), Int(dmy.Groups["d"]))
            : null;
    }

    private static Message? CheckRange(DateOnly date, object written) =>
        date.Year is < EarliestYear or > LatestYear
            ? Message.Of("Import.ImplausibleDate", written, EarliestYear, LatestYear)
            : null;

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})\s*(?:[-/.]\s*(?<m>\d{1,2})\s*[-/.]\s*(?<d>\d{1,2})|年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日?)(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(?<d>\d{1,2})\s*[-/.]\s*(?<m>\d{1,2})\s*[-/.]\s*(?<y>\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"HK\$|HKD|\$|港元|港币|\s", RegexOptions.IgnoreCase)]
    private static partial Regex AmountNoise();

    [GeneratedRegex(@"^(?<br>\d{8})(?:-\d{3}-\d{2}-\d{2}-[0-9A-Z])?$")]
    private static partial Regex BrPattern();

    [GeneratedRegex(@"^H\s*(?<br>\d{8})(?:-\d{3}-\d{2}-\d{2}-[0-9A-Z])?$")]
    private static partial Regex HongKongFactory();

    [GeneratedRegex("^[0-9A-Z]{18}$")]
    private static partial Regex UsccShape();
}
