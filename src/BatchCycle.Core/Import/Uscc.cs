namespace BatchCycle.Import;

/// <summary>
/// The mainland Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters over a 31-character
/// alphabet (digits and capitals without I, O, Z, S, V), the last being a check character computed from the
/// first 17. A factory in Guangdong is identified by it (INPUTS.md, "Identifiers").
/// </summary>
public static class Uscc
{
    /// <summary>GB 32100 §4.3: the code alphabet; a character's value is its position here.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>GB 32100 Annex: the weight of positions 1 to 17 (3^(i-1) mod 31).</summary>
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>
    /// True when <paramref name="code"/> is 18 characters of the code alphabet whose last character is the check
    /// character of the first 17. Expects the normalised form (trimmed, upper case), as every importer produces.
    /// </summary>
    public static bool IsValid(string code)
    {
        if (code is null || code.Length != 18)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return CheckCharacter(code[..17]) == code[17];
    }

    /// <summary>
    /// The check character of the first 17 characters: 31 − (Σ value × weight mod 31), where 31 becomes 0.
    /// A wrong argument is a bug of the caller (it should have called <see cref="IsValid"/>), hence the exceptions.
    /// </summary>
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
                throw new ArgumentException($"'{first17[i]}' at position {i + 1} is not in the USCC alphabet {Alphabet}.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}
