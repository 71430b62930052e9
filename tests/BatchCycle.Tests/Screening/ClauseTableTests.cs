using System.Text.RegularExpressions;
using BatchCycle.Screening;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Screening;

/// <summary>Each label's clause table lists the requirement ids of its section of docs/criteria.md, each once.</summary>
public sealed partial class ClauseTableTests
{
    public static TheoryData<string, string> Labels => new()
    {
        { "M", "## Manufacturing Partner — M" },
        { "E", "## Manufacturing Outstanding Partner — E" },
        { "S", "## Supply Chain Partner — S" },
        { "T", "## Technical Service Partner — T" },
    };

    [Theory]
    [MemberData(nameof(Labels))]
    public void The_table_holds_every_requirement_of_the_label_and_no_other(string label, string heading)
    {
        var table = label switch
        {
            "M" => ManufacturingPartnerRules.Clauses,
            "E" => OutstandingPartnerRules.Clauses,
            "S" => SupplyChainPartnerRules.Clauses,
            _ => TechnicalServicePartnerRules.Clauses,
        };
        var ids = table.SelectMany(c => c.Routes.Select(r => r.Id).Prepend(c.Id)).ToList();
        var section = Section(File.ReadAllText(Path.Combine(Repo.Root, "docs", "criteria.md")), heading);
        var firstColumn = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => Ids(l.Split('|')[1])).ToList();
        var named = Ids(section).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.NotEmpty(firstColumn);
        Assert.Empty(firstColumn.Except(ids, StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Contains(id, named));
    }

    [Fact]
    public void Every_route_applies_as_its_requirement_does()
    {
        var tables = new[] { ManufacturingPartnerRules.Clauses, OutstandingPartnerRules.Clauses, SupplyChainPartnerRules.Clauses, TechnicalServicePartnerRules.Clauses };

        var clauses = tables.SelectMany(t => t).ToList();

        Assert.All(clauses, c => Assert.True(c.Routes.Count > 0 ? c.Check is null : c.Check is not null, c.Id));
        Assert.All(clauses.SelectMany(c => c.Routes.Select(r => (c, r))), p => Assert.Equal(p.c.Scope, p.r.Scope));
    }

    private static string Section(string document, string heading)
    {
        var start = document.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, heading);
        var end = document.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? document[start..] : document[start..end];
    }

    private static IEnumerable<string> Ids(string text) => RequirementId().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"`(\d\.\d(?:-[IV]+)?(?:-\d)?)`")]
    private static partial Regex RequirementId();
}
