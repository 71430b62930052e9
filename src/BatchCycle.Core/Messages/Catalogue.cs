using System.Collections.Frozen;
using System.Collections;
using System.Globalization;
using System.Resources;

namespace BatchCycle.Messages;

/// <summary>
/// The one message catalogue (docs/outputs.md, "Languages"): every text the program generates for people, in
/// <c>en</c> (the neutral resources), <c>zh-Hans</c> (the guide's language) and <c>zh-Hant</c> (Hong Kong).
/// <c>Messages*.resx</c> hold reasons, notes, result words and headers; <c>Requirements*.resx</c> the name of each
/// requirement id of docs/criteria.md and the clause of the guide it comes from.
/// </summary>
public static class Catalogue
{
    private static readonly ResourceManager MessageTexts = new("BatchCycle.Messages.Messages", typeof(Catalogue).Assembly);
    private static readonly ResourceManager RequirementTexts = new("BatchCycle.Messages.Requirements", typeof(Catalogue).Assembly);

    /// <summary>
    /// Each file's entries in each of the three cultures, the neutral ones filled in, read once: a whole region's
    /// results render millions of texts, and asking the resource manager for each (its culture fallback, its
    /// locks) was a fifth of the rendering. Never changed after it is made; other cultures ask the manager.
    /// </summary>
    private static readonly Lazy<FrozenDictionary<(CatalogueFile File, string Culture), FrozenDictionary<string, string>>> Tables = new(ReadTables);

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    public static CultureInfo Simplified { get; } = CultureInfo.GetCultureInfo("zh-Hans");

    public static CultureInfo Traditional { get; } = CultureInfo.GetCultureInfo("zh-Hant");

    /// <summary>The three cultures every entry exists in.</summary>
    public static IReadOnlyList<CultureInfo> Cultures { get; } = [English, Simplified, Traditional];

    public static bool IsChinese(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "zh";
    }

    /// <summary>The entry <paramref name="key"/> as written in the catalogue; a key missing from it is a bug.</summary>
    public static string Text(string key, CultureInfo culture) => Lookup(MessageTexts, key, culture);

    /// <summary>The message in <paramref name="culture"/>, its arguments rendered in the same culture.</summary>
    public static string Render(Message message, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(culture);
        var pattern = Text(message.Key, culture);
        if (message.Args.Count == 0)
        {
            return pattern;
        }

        var rendered = new object[message.Args.Count];
        for (var i = 0; i < rendered.Length; i++)
        {
            rendered[i] = RenderArgument(message.Args[i], culture);
        }

        return string.Format(culture, pattern, rendered);
    }

    /// <summary>
    /// A message for the run's log and run-summary.json: English, then the Chinese of <paramref name="chinese"/>.
    /// English comes first so that tools searching the English words keep finding them.
    /// </summary>
    public static string Bilingual(Message message, CultureInfo chinese) => $"{Render(message, English)} / {Render(message, chinese)}";

    public static string Render(MessageList list, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(culture);
        var items = list.Items.Select(i => RenderArgument(i, culture)).ToList();
        if (list.Style != ListStyle.And || items.Count < 2)
        {
            return string.Join(Text($"List.{list.Style}", culture), items);
        }

        return string.Join(Text("List.Comma", culture), items.Take(items.Count - 1)) + Text("List.And", culture) + items[^1];
    }

    /// <summary>A day as the culture writes it: <c>2025-05-14</c>, or <c>2025年5月14日</c> in Chinese.</summary>
    public static string Day(DateOnly day, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return IsChinese(culture) ? Days.Chinese(day) : Days.Iso(day);
    }

    /// <summary>The name of an enum value (a title type, a status…) in the guide's words.</summary>
    public static string Name(Enum value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Text($"{value.GetType().Name}.{value}", culture);
    }

    /// <summary>The short name of a requirement id of docs/criteria.md, e.g. <c>4.1-I-2</c> → "two demonstration projects".</summary>
    public static string RequirementName(string id, CultureInfo culture) => Lookup(RequirementTexts, $"Name.{id}", culture);

    /// <summary>The section of the guide a requirement comes from, e.g. <c>4.1 I (2)</c>.</summary>
    public static string RequirementSection(string id) => Lookup(RequirementTexts, $"Section.{id}", English);

    /// <summary>The clause of the guide a requirement comes from: its Chinese wording, or an English rendering.</summary>
    public static string RequirementClause(string id, CultureInfo culture) => Lookup(RequirementTexts, $"Clause.{id}", culture);

    /// <summary>The requirement ids the catalogue names, in the order of docs/criteria.md.</summary>
    public static IReadOnlyList<string> RequirementIds { get; } =
    [
        "1.4", "DUP", "REN",
        "2.1", "4.1-I", "4.1-I-1", "4.1-I-2", "4.1-I-3", "5.2-I", "5.2-I-1", "5.2-I-2", "4.1-II", "5.2-II",
        "2.2", "4.2-I", "4.2-I-1", "4.2-I-2", "4.2-I-3", "5.3-I", "5.3-I-1", "5.3-I-2", "4.2-II", "5.3-II",
        "2.3", "4.3", "4.3-1", "4.3-2", "5.4", "5.4-1", "5.4-2",
        "2.4", "4.4-1", "4.4-2", "5.5-1", "5.5-2",
    ];

    /// <summary>The entries of one culture's own file, without falling back to the neutral one (for the completeness test).</summary>
    public static IReadOnlyDictionary<string, string> Entries(CatalogueFile file, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var manager = file == CatalogueFile.Messages ? MessageTexts : RequirementTexts;
        var own = culture.Name == English.Name ? CultureInfo.InvariantCulture : culture;
        var set = manager.GetResourceSet(own, createIfNotExists: true, tryParents: false);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (set is null)
        {
            return entries;
        }

        foreach (DictionaryEntry entry in set)
        {
            entries[(string)entry.Key] = entry.Value as string ?? "";
        }

        return entries;
    }

    private static string Lookup(ResourceManager manager, string key, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(culture);
        var file = manager == MessageTexts ? CatalogueFile.Messages : CatalogueFile.Requirements;
        var text = Tables.Value.TryGetValue((file, culture.Name), out var table) ? table.GetValueOrDefault(key) : manager.GetString(key, culture);
        return text ?? throw new InvalidOperationException($"The message catalogue has no entry '{key}'.");
    }

    private static FrozenDictionary<(CatalogueFile File, string Culture), FrozenDictionary<string, string>> ReadTables()
    {
        var tables = new Dictionary<(CatalogueFile, string), FrozenDictionary<string, string>>();
        foreach (var file in new[] { CatalogueFile.Messages, CatalogueFile.Requirements })
        {
            var neutral = Entries(file, English);
            foreach (var culture in Cultures)
            {
                var merged = new Dictionary<string, string>(neutral, StringComparer.Ordinal);
                if (culture.Name != English.Name)
                {
                    foreach (var (key, text) in Entries(file, culture))
                    {
                        merged[key] = text;
                    }
                }

                tables[(file, culture.Name)] = merged.ToFrozenDictionary(StringComparer.Ordinal);
            }
        }

        return tables.ToFrozenDictionary();
    }

    private static string RenderArgument(object argument, CultureInfo culture) => argument switch
    {
        string text => text,
        Message message => Render(message, culture),
        MessageList list => Render(list, culture),
        DateOnly day => Day(day, culture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.##", CultureInfo.InvariantCulture),
        Enum value => Name(value, culture),
        _ => throw new ArgumentException($"A message argument of type {argument.GetType().Name} cannot be rendered.", nameof(argument)),
    };
}

/// <summary>The two resource files of the catalogue.</summary>
public enum CatalogueFile
{
    Messages,
    Requirements,
}
