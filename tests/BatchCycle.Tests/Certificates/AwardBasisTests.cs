using BatchCycle.Certificates;
using BatchCycle.Screening;
using BatchCycle.Import;

namespace BatchCycle.Tests.Certificates;

public sealed class AwardBasisTests
{
    private static readonly Title Audit = new("F1", null, TitleType.MunicipalCpAudit, "AUD-1", new(2024, 1, 1), null, new SourceRow("titles.csv", "titles.csv", 2));
    private static readonly Title Enterprise = new("F1", null, TitleType.MunicipalCpEnterprise, "ENT-1", new(2024, 1, 1), null, new SourceRow("titles.csv", "titles.csv", 3));
    private static readonly Title GreenFactory = new("F1", null, TitleType.GreenFactoryMiit, "GF-1", new(2024, 1, 1), null, new SourceRow("titles.csv", "titles.csv", 4));

    [Theory]
    [InlineData("4.1-I-1", "P1", LabelRoute.OnSiteAssessment)]
    [InlineData("5.2-I-1", "O1", LabelRoute.OnSiteAssessment)]
    [InlineData("5.3-I-1", "O1", LabelRoute.OnSiteAssessment)]
    [InlineData("4.1-I-2", "P1; P2", LabelRoute.DemonstrationProjects)]
    [InlineData("4.2-I-2", "P1; P2; P3", LabelRoute.DemonstrationProjects)]
    [InlineData("4.1-I-3", "AUD-1", LabelRoute.Audit)]
    [InlineData("4.1-I-3", "ENT-1", LabelRoute.Title)]
    [InlineData("4.1-I-3", "AUD-1; ENT-1", LabelRoute.Title)]
    [InlineData("4.1-I-3", "UNKNOWN-9", LabelRoute.Title)]
    [InlineData("5.2-I-2", "AUD-1", LabelRoute.Audit)]
    [InlineData("4.2-I-3", "GF-1", LabelRoute.Title)]
    [InlineData("5.3-I-2", "GF-1", LabelRoute.Title)]
    [InlineData("4.2-I-1", "2021-M-0003; 2023-M-0010", LabelRoute.PriorLabels)]
    [InlineData("4.3-1", "F1; F2; F3", LabelRoute.Recommendation)]
    [InlineData("5.4-1", "F1; F2; F3", LabelRoute.Recommendation)]
    [InlineData("4.3-2", "F1; F2; F3", LabelRoute.Procurement)]
    [InlineData("5.4-2", "F1; F2; F3", LabelRoute.Procurement)]
    [InlineData("4.4-1", "P1; P2; P3; P4; P5", LabelRoute.Projects)]
    [InlineData("5.5-1", "P1; P2; P3", LabelRoute.Projects)]
    public void The_route_is_read_from_the_met_route_line(string requirement, string evidence, LabelRoute expected)
    {
        var met = new[] { new MetRequirement("1.4", []), new MetRequirement(requirement, EvidenceList.Split(evidence)) };

        Assert.Equal(expected, AwardBasis.Route(met, [Audit, Enterprise, GreenFactory]));
    }

    [Fact]
    public void Without_a_met_route_line_the_route_is_unknown() =>
        Assert.Null(AwardBasis.Route([new MetRequirement("4.1-I", ["P1"]), new MetRequirement("4.4-2", [])], []));

    [Fact]
    public void The_first_met_route_line_decides() =>
        Assert.Equal(LabelRoute.DemonstrationProjects, AwardBasis.Route([new("4.1-I-2", ["P1", "P2"]), new("4.1-I-3", ["AUD-1"])], [Audit]));

    [Fact]
    public void Evidence_is_every_reference_of_the_met_lines_once()
    {
        var met = new[] { new MetRequirement("4.1-I", EvidenceList.Split("P1; P2")), new MetRequirement("4.1-I-2", EvidenceList.Split("P1;P2 ; ")) };

        Assert.Equal(["P1", "P2"], AwardBasis.Evidence(met));
    }
}
