using System.Text;

namespace BatchCycle.Panel;

/// <summary>Cell text as the workbook stores it, and the column width a text needs.</summary>
internal static class CellText
{
    /// <summary>Excel's limit for the text of one cell; longer text makes Excel repair the file.</summary>
    private const int MaxCellText = 32767;

    /// <summary>
    /// Text as Excel stores it (ECMA-376 ST_Xstring): characters XML cannot carry, and carriage returns (which an
    /// XML reader would turn into line feeds), are written as <c>_xHHHH_</c>; a literal <c>_xHHHH_</c> in the
    /// input is protected by escaping its underscore, so every reader shows the value exactly as typed.
    /// </summary>
    public static string Escape(string value)
    {
        if (value.Length > MaxCellText)
        {
            value = string.Concat(value.AsSpan(0, MaxCellText - 1), "…");
        }

        StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? replacement = null;
            if (c == '_' && LooksEscaped(value, i))
            {
                replacement = "_x005F_";
            }
            else if ((c < ' ' && c is not '\t' and not '\n') || c is '\uFFFE' or '\uFFFF' || IsLoneSurrogate(value, i))
            {
                replacement = $"_x{(int)c:X4}_";
            }

            if (replacement is null)
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(value, 0, i, value.Length + 16);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? value;
    }

    /// <summary>Column width in characters: CJK characters take two, capped so that long texts wrap instead.</summary>
    public static double Width(string? text, int cap = 60)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 6;
        }

        var width = 0;
        foreach (var line in text.Split('\n'))
        {
            var lineWidth = 0;
            foreach (var c in line)
            {
                lineWidth += c >= '\u1100' ? 2 : 1;
            }

            width = Math.Max(width, lineWidth);
        }

        return width > cap ? cap + 2 : Math.Max(6, width + 2);
    }

    /// <summary>
    /// The lines a wrapped text takes in a column <paramref name="width"/> characters wide: words wrap whole, Chinese
    /// characters one by one; a Chinese character is a little over two characters of width. Rather one line too many
    /// than a reason cut on paper.
    /// </summary>
    public static int Lines(string text, double width, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var capacity = Math.Max(1, width - 1);
        var latin = bold ? 1.1 : 1.0;
        var total = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var lines = 1;
            var used = 0.0;
            var word = 0.0;
            void Place(double size)
            {
                if (used > 0 && used + size > capacity)
                {
                    lines++;
                    used = 0;
                }

                used += size;
                while (used > capacity)
                {
                    lines++;
                    used -= capacity;
                }
            }

            foreach (var c in paragraph)
            {
                if (c >= '\u1100')
                {
                    Place(word);
                    word = 0;
                    Place(2.1);
                }
                else
                {
                    word += latin;
                    if (c == ' ')
                    {
                        Place(word);
                        word = 0;
                    }
                }
            }

            Place(word);
            total += lines;
        }

        return total;
    }

    private static bool LooksEscaped(string value, int i) =>
        i + 6 < value.Length && value[i + 1] == 'x' && value[i + 6] == '_' && IsHex(value.AsSpan(i + 2, 4));

    private static bool IsHex(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLoneSurrogate(string value, int i) =>
        char.IsHighSurrogate(value[i]) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
        : char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
}
