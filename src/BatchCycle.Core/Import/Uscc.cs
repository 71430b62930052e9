namespace BatchCycle.Import;

/// <summary>
/// The mainland Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
/// alphabet, the last a check character computed from the first 17.
/// </summary>
public static class Uscc
{
    /// <summary>The 31 characters a USCC is written in (GB 32100-2015; no I, O, S, V, Z).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>True when <paramref name="code"/> is 18 characters of the alphabet and its last is the right check character.</summary>
    public static bool IsValid(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 18 || code.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        return CheckCharacter(code[..17]) == code[17];
    }

    /// <summary>The check character of the first 17 characters (GB 32100-2015, 4.4).</summary>
    public static char CheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw new ArgumentException($"A USCC check character is computed from 17 characters, not {first17.Length}.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' at position {i + 1} is not a USCC character.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}
