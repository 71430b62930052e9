using BatchCycle.Import;

namespace BatchCycle.Certificates;

/// <summary>A requirement line the application met, as screening gave it.</summary>
public sealed record MetRequirement(string Requirement, IReadOnlyList<string> Evidence);

/// <summary>
/// What an award rests on, read from the application's met requirement lines: the route recorded on the
/// certificate (renewals 5.2-I-1 and 5.3-I-1 are open only to labels obtained by on-site assessment) and the
/// evidence that later applications may not declare again (footnote 6).
/// </summary>
public static class AwardBasis
{
    private static readonly Dictionary<string, LabelRoute> RouteOf = new(StringComparer.Ordinal)
    {
        ["4.1-I-1"] = LabelRoute.OnSiteAssessment,
        ["5.2-I-1"] = LabelRoute.OnSiteAssessment,
        ["5.3-I-1"] = LabelRoute.OnSiteAssessment,
        ["4.1-I-2"] = LabelRoute.DemonstrationProjects,
        ["4.2-I-2"] = LabelRoute.DemonstrationProjects,
        ["4.1-I-3"] = LabelRoute.Title,
        ["5.2-I-2"] = LabelRoute.Title,
        ["4.2-I-3"] = LabelRoute.Title,
        ["5.3-I-2"] = LabelRoute.Title,
        ["4.2-I-1"] = LabelRoute.PriorLabels,
        ["4.3-1"] = LabelRoute.Recommendation,
        ["5.4-1"] = LabelRoute.Recommendation,
        ["4.3-2"] = LabelRoute.Procurement,
        ["5.4-2"] = LabelRoute.Procurement,
        ["4.4-1"] = LabelRoute.Projects,
        ["5.5-1"] = LabelRoute.Projects,
    };

    /// <summary>
    /// The route of the first met route line; null when screening recorded none. A title route counts as
    /// <see cref="LabelRoute.Audit"/> when every title its evidence names is a passed municipal audit
    /// (4.1-I-3, 5.2-I-2 accept an audit or a title).
    /// </summary>
    public static LabelRoute? Route(IEnumerable<MetRequirement> met, IReadOnlyList<Title> factoryTitles)
    {
        var line = met.FirstOrDefault(m => RouteOf.ContainsKey(m.Requirement));
        if (line is null)
        {
            return null;
        }

        var route = RouteOf[line.Requirement];
        if (route != LabelRoute.Title)
        {
            return route;
        }

        var named = factoryTitles.Where(t => t.CertificateNo is not null && line.Evidence.Contains(t.CertificateNo, StringComparer.Ordinal)).ToList();
        return named.Count > 0 && named.All(t => t.TitleType == TitleType.MunicipalCpAudit) ? LabelRoute.Audit : LabelRoute.Title;
    }

    /// <summary>Every evidence reference of the met lines, once each, in the order screening gave them.</summary>
    public static IReadOnlyList<string> Evidence(IEnumerable<MetRequirement> met) =>
        [.. met.SelectMany(m => m.Evidence).Distinct(StringComparer.Ordinal)];

}
