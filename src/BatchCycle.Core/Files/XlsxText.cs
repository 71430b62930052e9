using System.Text;

namespace BatchCycle.Files;

/// <summary>Cell text as a workbook stores it.</summary>
public static class XlsxText
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
