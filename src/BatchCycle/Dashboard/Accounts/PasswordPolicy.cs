using System.Collections.Frozen;

namespace BatchCycle.Dashboard.Accounts;

/// <summary>
/// What a secretariat password must be: long, not a repeat of one character, not the user name, and not one of
/// the common passwords a guesser tries first (the list shipped with the program, common-passwords.txt).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    private const string ListResource = "BatchCycle.Dashboard.Accounts.common-passwords.txt";

    /// <summary>Read once from the program itself; the list never changes while it runs.</summary>
    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>Why the password is refused, in Chinese and English, or null when it is acceptable.</summary>
    public static string? Problem(string userName, string password)
    {
        if (password.Length < MinimumLength)
        {
            return $"The password must have at least {MinimumLength} characters. 密码至少须有 {MinimumLength} 个字符。";
        }

        if (password.Distinct().Count() == 1)
        {
            return "The password may not be one character repeated. 密码不可由同一个字符重复组成。";
        }

        if (string.Equals(password.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "The password may not be the user name. 密码不可与用户名相同。";
        }

        return Common.Value.Contains(password.ToLowerInvariant())
            ? "The password is one of the common passwords that are guessed first; choose another. 此密码属于最先被猜测的常见密码，请另选。"
            : null;
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(ListResource)
            ?? throw new InvalidOperationException($"The resource {ListResource} is missing from the program.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
