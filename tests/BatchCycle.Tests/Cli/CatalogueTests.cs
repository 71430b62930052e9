using System.Collections;
using System.Globalization;
using System.Resources;

namespace BatchCycle.Tests.Cli;

/// <summary>Every text of the terminal and of the letters exists, not blank, in English, zh-Hans and zh-Hant.</summary>
public sealed class CatalogueTests
{
    public static TheoryData<string> Catalogues => new()
    {
        "BatchCycle.Cli.Terminal",
        "BatchCycle.Certificates.LetterTexts",
        "BatchCycle.Reminders.RenewalTexts",
    };

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Every_key_has_a_text_in_all_three_cultures(string catalogue)
    {
        var assembly = catalogue.StartsWith("BatchCycle.Cli.", StringComparison.Ordinal)
            ? typeof(BatchCycle.Cli.TerminalText).Assembly
            : typeof(BatchCycle.Certificates.HolderScripts).Assembly;
        var resources = new ResourceManager(catalogue, assembly);
        var english = Entries(resources, CultureInfo.InvariantCulture);
        Assert.NotEmpty(english);

        foreach (var culture in new[] { "zh-Hans", "zh-Hant" })
        {
            // Only the culture's own file counts: a key missing there must not pass by falling back to English.
            var entries = Entries(resources, CultureInfo.GetCultureInfo(culture));
            Assert.Equal(english.Keys.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
            Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{catalogue}.{culture}: {e.Key} is blank"));
            Assert.All(entries, e => Assert.True(
                Placeholders(e.Value).SetEquals(Placeholders(english[e.Key])),
                $"{catalogue}.{culture}: {e.Key} has other placeholders than the English text"));
        }

        Assert.All(english, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{catalogue}: {e.Key} is blank"));
    }

    private static Dictionary<string, string> Entries(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.True(set is not null, $"{resources.BaseName} has no {culture.Name} resources");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value)];
}
