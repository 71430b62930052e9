using System.Globalization;
using System.Resources;
using BatchCycle.Certificates;
using BatchCycle.Cycle;
using BatchCycle.Messages;

namespace BatchCycle.Reminders;

/// <summary>One requirement of a renewal in plain words, Chinese (in the holder's script) and English.</summary>
public sealed record RenewalRequirement(string Zh, string En);

/// <summary>
/// The renewal requirements of each label type in plain words, as a reminder states them (guide 5.2–5.5;
/// docs/criteria.md 5.2-I, 5.2-II, 5.3-I, 5.3-II, 5.4, 5.5-1, 5.5-2). The wording is in <c>RenewalTexts.resx</c>
/// (English, <c>zh-Hans</c>, <c>zh-Hant</c>); dates come from the label and the cycle calendar, never from a
/// particular year.
/// </summary>
public static class RenewalRequirements
{
    private static readonly ResourceManager Texts = new("BatchCycle.Reminders.RenewalTexts", typeof(RenewalRequirements).Assembly);

    public static IReadOnlyList<RenewalRequirement> For(LabelType type, DateOnly awardedOn, CycleCalendar calendar, HolderScript script)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var from = awardedOn;
        var to = calendar.ReferenceDate;
        var since = calendar.ComplianceStart;
        RenewalRequirement Text(string key, params DateOnly[] values) => new(
            Format(key, script.Culture(), values),
            Format(key, CultureInfo.InvariantCulture, values));
        return type switch
        {
            // Guide 5.2: one of two improvement routes, plus compliance since the label was awarded.
            LabelType.M => [Text("CleanerProductionM", from, to), Text("Compliance", from)],

            // Guide 5.3: as 5.2, with the provincial and green-factory titles in place of the municipal ones.
            LabelType.E => [Text("CleanerProductionE", from, to), Text("Compliance", from)],

            // Guide 5.4: no compliance requirement applies to supply-chain partners.
            LabelType.S => [Text("SupplyChain", from, to)],

            // Guide 5.5: counted from one year before the cycle opens, not from the award.
            LabelType.T => [Text("TechnicalServiceProjects", since), Text("TechnicalServiceComplaints", since)],
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown label type."),
        };
    }

    /// <summary>The text with its days written as the culture writes them (2025年12月18日 in Chinese, docs/outputs.md "Languages").</summary>
    private static string Format(string key, CultureInfo culture, DateOnly[] values)
    {
        var text = Texts.GetString(key, culture) ?? throw new InvalidOperationException($"The renewal text {key} is missing from RenewalTexts.resx.");
        return string.Format(culture, text, [.. values.Select(v => (object)Catalogue.Day(v, culture))]);
    }
}
