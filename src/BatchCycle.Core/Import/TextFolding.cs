using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace BatchCycle.Import;

/// <summary>
/// Folds the ways one word is written in the secretariat's files into one form: full-width and half-width
/// (NFKC), traditional and simplified Chinese (the mainland authorities write simplified, Hong Kong writes
/// traditional), upper and lower case. Header matching and name matching both start here.
/// </summary>
public static class TextFolding
{
    private static readonly FrozenDictionary<int, string> Simplified = LoadTable();

    /// <summary>Traditional characters replaced by their simplified forms; everything else unchanged.</summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange(FirstHan, char.MaxValue))
        {
            // No Chinese character (every table entry is one): most identifiers, codes and dates.
            return text;
        }

        var result = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Simplified.TryGetValue(rune.Value, out var simple))
            {
                result.Append(simple);
            }
            else
            {
                result.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
        }

        return result.ToString();
    }

    /// <summary>NFKC, simplified Chinese, lower case, inner white space collapsed, trimmed.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            // NFKC and the Chinese table leave ASCII as it is; millions of coded cells take this way.
            return CollapseSpaces(text.ToLowerInvariant());
        }

        return CollapseSpaces(ToSimplified(text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant());
    }

    /// <summary>
    /// <see cref="Fold"/> keeping only letters and digits: <c>Application ID</c>, <c>application_id</c> and
    /// <c>ＡｐｐｌｉｃａｔｉｏｎＩＤ</c> all give <c>applicationid</c>; <c>申請編號</c> gives <c>申请编号</c>.
    /// </summary>
    public static string Key(string text) => LettersAndDigits(Fold(text));

    /// <summary>The letters and digits of a text (Chinese characters included), every other character dropped.</summary>
    public static string LettersAndDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter)
            {
                kept.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
        }

        return kept.Length == text.Length ? text : kept.ToString();
    }

    /// <summary>The first character the traditional-to-simplified table can hold (CJK radicals onwards).</summary>
    private const char FirstHan = '\u2E80';

    private static string CollapseSpaces(string text)
    {
        var span = text.AsSpan();
        var single = true;
        for (var i = 0; i < span.Length && single; i++)
        {
            single = !char.IsWhiteSpace(span[i]) || (span[i] == ' ' && i > 0 && i < span.Length - 1 && !char.IsWhiteSpace(span[i - 1]));
        }

        return single ? text : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static FrozenDictionary<int, string> LoadTable()
    {
        using var stream = typeof(TextFolding).Assembly.GetManifestResourceStream("BatchCycle.Import.TraditionalToSimplified.txt")
            ?? throw new InvalidOperationException("The traditional-to-simplified table is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var runes = line.EnumerateRunes().ToArray();
            table[runes[0].Value] = runes[1].ToString();
        }

        return table.ToFrozenDictionary();
    }
}
