using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Panel;

namespace BatchCycle.Publication;

/// <summary>One line of the public shortlist: names, and the factory and its city for M and E; nothing else.</summary>
public sealed record ShortlistEntry(int No, string HolderName, string? HolderNameEn, string? FactoryName, string? FactoryCity);

/// <summary>The approved applications of one label type, with the headings the page and the workbook show.</summary>
public sealed record ShortlistGroup(string Code, string NameZh, string NameEn, bool HasFactory, IReadOnlyList<ShortlistEntry> Entries)
{
    public int Count => Entries.Count;
}

/// <summary>The model of <c>templates/shortlist.html</c>.</summary>
public sealed record ShortlistDocument(int Year, IReadOnlyList<ShortlistGroup> Groups)
{
    public int Total => Groups.Sum(g => g.Count);
}

/// <summary>
/// Guide 6: the panel's proposed list of partners (公示粤港清洁生产伙伴企业拟选名单) is published for public notice.
/// It holds the applications whose panel decision in force is Approve, by label type, with the holder's Chinese
/// and English names and, for M and E, the factory and its city — no reasons, contacts, identifiers or evidence,
/// so the secretariat can post it on the two websites as it is (CRITERIA.md, Results notices and the public shortlist).
/// </summary>
public static class Shortlist
{
    public static ShortlistDocument Of(int year, CycleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var decisions = PanelDecisionBook.Effective(data.PanelDecisions);
        var approved = data.Applications
            .Where(a => decisions.TryGetValue(a.ApplicationId, out var d) && d.Decision == PanelDecisionValue.Approve)
            .GroupBy(a => a.ApplicationId, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        var groups = LabelTypes.All.Select(type =>
        {
            var factory = LabelTypes.IsFactoryLabel(type);
            var entries = approved.Where(a => a.LabelType == type)
                .OrderBy(a => a.ApplicantName, StringComparer.Ordinal)
                .ThenBy(a => a.ApplicationId, StringComparer.Ordinal)
                .Select((a, i) => new ShortlistEntry(
                    i + 1,
                    a.ApplicantName,
                    string.IsNullOrWhiteSpace(a.ApplicantNameEn) ? null : a.ApplicantNameEn,
                    factory ? a.FactoryName : null,
                    factory ? a.FactoryCity : null))
                .ToList();
            return new ShortlistGroup(type.ToString(), LabelTypes.ChineseName(type), LabelTypes.EnglishName(type), factory, entries);
        });
        return new ShortlistDocument(year, [.. groups]);
    }
}
