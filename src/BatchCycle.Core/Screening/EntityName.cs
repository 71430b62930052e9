using BatchCycle.Import;

namespace BatchCycle.Screening;

/// <summary>
/// How screening decides that two records speak of the same company or factory. Identifiers decide first; a
/// name is only a hint, because authorities write names their own way (traditional or simplified, full-width,
/// with or without "有限公司"). A name-only match is therefore never a pass or a fail, only a reason to review.
/// </summary>
public static class EntityName
{
    // Longest first, so that "有限责任公司" is removed whole rather than leaving "有限责任" behind after "公司".
    private static readonly string[] Suffixes =
    [
        "股份有限公司", "有限责任公司", "有限公司", "公司", "厂",
        "co. ltd.", "co., ltd.", "co. ltd", "co., ltd", "co.,ltd.", "co.,ltd", "co ltd",
        "corporation", "company", "limited", "corp.", "corp", "ltd.", "ltd", "inc.", "inc", "co.",
    ];

    /// <summary>
    /// The form two names are compared in: folded (NFKC, simplified Chinese, lower case), company suffixes
    /// removed from the end (repeatedly: "ABC Company Limited"), then punctuation and spaces dropped.
    /// </summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = TextFolding.Fold(name);
        bool stripped;
        do
        {
            stripped = false;
            folded = folded.TrimEnd(' ', ',', '.', '(', ')');
            foreach (var suffix in Suffixes)
            {
                if (folded.Length > suffix.Length && folded.EndsWith(suffix, StringComparison.Ordinal) && StartsAWord(folded, suffix))
                {
                    folded = folded[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }
        while (stripped);

        return TextFolding.LettersAndDigits(folded);
    }

    /// <summary>An English suffix must be a word of its own ("Megacorp" keeps its "corp"); a Chinese one need not.</summary>
    private static bool StartsAWord(string name, string suffix)
    {
        if (!char.IsAsciiLetter(suffix[0]))
        {
            return true;
        }

        var before = name[name.Length - suffix.Length - 1];
        return !char.IsAsciiLetterOrDigit(before);
    }

    /// <summary>
    /// The key an identifier is compared by. A Hong Kong factory is written <c>H</c> + the owner's BR number
    /// (docs/inputs.md) while an authority records the BR number alone, so both give the bare 8 digits; a full BR
    /// certificate number (<c>12345678-000-05-25-A</c>) gives its first 8 digits. Null for a blank identifier.
    /// </summary>
    public static string? IdKey(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        // Imported identifiers are already trimmed and upper-cased; skip the copies for the common case,
        // since the index keys a million projects this way.
        var key = IsTrimmedUpper(id) ? id : id.Trim().ToUpperInvariant();
        if (key.Length == 9 && key[0] == 'H' && IsBrNumber(key.AsSpan(1)))
        {
            return key[1..];
        }

        if (key.Length > 9 && key[8] == '-' && IsBrNumber(key.AsSpan(0, 8)))
        {
            return key[..8];
        }

        return key;
    }

    private static bool IsTrimmedUpper(string id)
    {
        if (char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A Hong Kong business registration number: exactly 8 digits.</summary>
    public static bool IsBrNumber(ReadOnlySpan<char> text)
    {
        if (text.Length != 8)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for <c>H</c> + 8 digits, the form docs/inputs.md gives a factory in Hong Kong.</summary>
    public static bool IsHongKongFactoryId(string id) => id.Length == 9 && id[0] is 'H' or 'h' && IsBrNumber(id.AsSpan(1));

    /// <summary>
    /// True for an 18-character Unified Social Credit Code registered in Guangdong: characters 3–8 are the
    /// administrative division code (GB 32100), and Guangdong's codes start with 44.
    /// </summary>
    public static bool IsGuangdongUscc(string id) => id.Length == 18 && id[2] == '4' && id[3] == '4';

    public static bool IsUscc(string id) => id.Length == 18;
}
