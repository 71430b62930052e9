using System.Globalization;
using BatchCycle.Messages;
using BatchCycle.Screening;

namespace BatchCycle.Panel;

/// <summary>
/// The workbook's texts from the message catalogue in the languages of the run (<c>BatchCycle:Language</c>):
/// short labels as "English 中文" (so a header still reads as the column the import knows), long texts Chinese
/// first, then English, one per line (docs/outputs.md, "Languages"). With <c>en</c> there is only English.
/// </summary>
internal sealed class PanelTexts(IReadOnlyList<CultureInfo> cultures)
{
    public CultureInfo? Chinese { get; } = cultures.FirstOrDefault(Catalogue.IsChinese);

    /// <summary>The cultures of long texts: Chinese first, then English.</summary>
    public IReadOnlyList<CultureInfo> Cultures { get; } = cultures;

    public string Label(string key, params object[] args) => Pair(c => Render(key, args, c), " ");

    /// <summary>A label on two lines, for a header that wraps.</summary>
    public string Lines(string key) => Pair(c => Catalogue.Text(key, c), "\n");

    /// <summary>A long text, Chinese first then English, each on its own lines.</summary>
    public string Long(Func<CultureInfo, string> text) => string.Join("\n", Cultures.Select(text).Where(t => t.Length > 0));

    public string Outcome(Outcome outcome) => Value(outcome);

    /// <summary>A value word (an outcome, a kind of application): "Ineligible 不符合资格".</summary>
    public string Value(Enum value) => Pair(c => Catalogue.Name(value, c), " ");

    /// <summary>A requirement column's header: its id, then its short name in Chinese and English.</summary>
    public string RequirementHeader(string id) =>
        $"{id}\n{Long(c => Catalogue.RequirementName(id, c))}";

    private string Pair(Func<CultureInfo, string> text, string separator)
    {
        var english = text(Catalogue.English);
        return Chinese is null ? english : english + separator + text(Chinese);
    }

    private static string Render(string key, object[] args, CultureInfo culture) => Catalogue.Render(Message.Of(key, args), culture);
}
