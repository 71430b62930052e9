using System.Globalization;
using System.Resources;

namespace BatchCycle.Cli;

/// <summary>
/// The texts the terminal shows, from <c>Terminal.resx</c> (English), <c>Terminal.zh-Hans.resx</c> and
/// <c>Terminal.zh-Hant.resx</c>: each shown in Chinese, in the variant <c>BatchCycle:Language</c> names, and English.
/// </summary>
public sealed class TerminalText(CultureInfo chinese)
{
    public const string LanguageSetting = "BatchCycle:Language";

    public static readonly ResourceManager Catalogue = new("BatchCycle.Cli.Terminal", typeof(TerminalText).Assembly);

    public CultureInfo Chinese { get; } = chinese;

    /// <summary><c>zh-Hant</c> when the setting says so; otherwise Simplified Chinese, the language of the guide.</summary>
    public static TerminalText ForLanguage(string? language) => new(CultureInfo.GetCultureInfo(
        string.Equals(language, "zh-Hant", StringComparison.OrdinalIgnoreCase) ? "zh-Hant" : "zh-Hans"));

    public string Zh(string key, params object?[] values) => Format(key, Chinese, values);

    public static string En(string key, params object?[] values) => Format(key, CultureInfo.InvariantCulture, values);

    /// <summary>Chinese then English on one line, for labels and headers.</summary>
    public string Both(string key, params object?[] values) => $"{Zh(key, values)} {En(key, values)}";

    private static string Format(string key, CultureInfo culture, object?[] values)
    {
        var text = Catalogue.GetString(key, culture) ?? throw new InvalidOperationException($"The terminal text {key} is missing from Terminal.resx.");
        return values.Length == 0 ? text : string.Format(culture, text, values);
    }
}
