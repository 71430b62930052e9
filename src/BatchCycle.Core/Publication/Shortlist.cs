using BatchCycle.Cycle;
using BatchCycle.Files;
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
/// so the secretariat can post it on the two websites as it is (docs/criteria.md, Results notices and the public shortlist).
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

/// <summary>
/// <c>publication/&lt;Year&gt;-shortlist.xlsx</c>: one sheet per label type, bilingual headings, names as text only,
/// so what is posted is what the panel approved.
/// </summary>
public static class ShortlistWorkbook
{
    private static readonly string[] FactoryHeaders =
    [
        "序号 No.",
        "申请公司 Company (中文)",
        "Company (English) 英文名称",
        "工厂 Factory",
        "工厂所在城市 City",
    ];

    /// <summary>Writes the workbook to <paramref name="path"/>; <paramref name="entryTime"/> is stored on its ZIP entries, so the same shortlist gives the same bytes.</summary>
    public static void Write(Stream stream, ShortlistDocument document, DateTimeOffset entryTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var workbook = new XlsxWriter(stream, XlsxTable.Styles(), entryTime, leaveOpen: true);
        foreach (var group in document.Groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var headers = group.HasFactory ? FactoryHeaders : FactoryHeaders[..3];
            using var sheet = workbook.AddSheet($"{group.Code} {SheetName(group.Code)}");
            XlsxTable.Begin(sheet, headers, [.. headers.Select(h => XlsxTable.Width(h, wide: false))]);
            var row = 1;
            foreach (var entry in group.Entries)
            {
                sheet.StartRow(++row);
                sheet.Number(0, entry.No);
                string?[] texts = group.HasFactory
                    ? [entry.HolderName, entry.HolderNameEn, entry.FactoryName, entry.FactoryCity]
                    : [entry.HolderName, entry.HolderNameEn];
                for (var c = 0; c < texts.Length; c++)
                {
                    if (texts[c] is { Length: > 0 } text)
                    {
                        sheet.Text(c + 1, text);
                    }
                }

                sheet.EndRow();
            }
        }
    }

    /// <summary>Short Chinese sheet names (Excel allows 31 characters; the full names are in the headings of the page).</summary>
    private static string SheetName(string code) => code switch
    {
        "M" => "制造业伙伴 Manufacturing",
        "E" => "制造业优越伙伴 Outstanding",
        "S" => "供应链伙伴 Supply Chain",
        _ => "技术服务伙伴 Technical Service",
    };
}
