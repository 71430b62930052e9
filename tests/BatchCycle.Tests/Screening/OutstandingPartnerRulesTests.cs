using BatchCycle.Cycle;
using BatchCycle.Import;
using static BatchCycle.Screening.RequirementStatus;

namespace BatchCycle.Tests.Screening;

public sealed class OutstandingPartnerRulesTests
{
    private static readonly IReadOnlyDictionary<string, RuleCase> Table = RuleTable.Of(
        New("Hong Kong company with a wholly owned factory", s => s, "2.2", Met),
        New("applicant registered overseas", s => s.With(a => a with { RegistrationPlace = RegistrationPlace.Overseas }), "2.2", NotMet),
        New("relationship d, exactly 50 %", s => s.With(a => a with { Relationship = FactoryRelationship.D, HolderIsHkResident = true, HolderStakeInFactoryPct = 50m, HolderStakeInApplicantPct = 30m }), "2.2", NotMet),

        // 4.2-I-1 two M labels since LookbackStart and this year's M requirement.
        New("two M labels and this year's M by demonstration projects", s => TwoMLabels(s).Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate), "4.2-I-1", Met, "as a new M applicant"),
        New("an M label awarded the day before LookbackStart", s => s.Label("M-1", LabelType.M, s.Cal.LookbackStart.AddDays(-1)).Label("M-2", LabelType.M, s.Cal.LookbackStart.AddYears(2)).Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate), "4.2-I-1", NotMet, "twice needed"),
        New("a revoked M label does not count", s => s.Label("M-1", LabelType.M, s.Cal.LookbackStart).Label("M-2", LabelType.M, s.Cal.LookbackStart.AddYears(2), revoked: true).Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate), "4.2-I-1", NotMet),
        New("two M labels without this year's M requirement", s => TwoMLabels(s), "4.2-I-1", NotMet),
        New("two M labels, M by assessment but site check blank", s => TwoMLabels(s).GoodAssessment().With(a => a with { SiteCheck = null }), "4.2-I-1", Unknown),
        New("two M labels, one expiring this year, M as a renewal by cost options", s => s.Label("M-1", LabelType.M, s.Cal.LookbackStart).RenewableLabel(LabelType.M, serial: "M-2").CostOptionsSince(s.RenewableAward(LabelType.M), s.Cal.ReferenceDate), "4.2-I-1", Met, "as a renewal of M-2"),
        New("M demonstration projects already evidence of a system-issued M label", s => s.Label("M-1", LabelType.M, s.Cal.LookbackStart).SystemLabel("M-2", LabelType.M, s.Cal.LookbackStart.AddYears(2), LabelRoute.DemonstrationProjects, "DP-1", "DP-2").Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.LookbackStart.AddYears(1)), "4.2-I-1", NotMet, "footnote 6"),

        // 4.2-I-2 three demonstration projects.
        New("3 demonstration projects", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.LookbackStart.AddYears(1)).Demo("DP-3", s.Cal.ReferenceDate), "4.2-I-2", Met),
        New("2 demonstration projects are not enough", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate), "4.2-I-2", NotMet, "3 needed"),
        New("a demonstration project the day before LookbackStart", s => s.Demo("DP-1", s.Cal.LookbackStart.AddDays(-1)).Demo("DP-2", s.Cal.LookbackStart.AddYears(1)).Demo("DP-3", s.Cal.ReferenceDate), "4.2-I-2", NotMet),
        New("a demonstration project the day after ReferenceDate", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.LookbackStart.AddYears(1)).Demo("DP-3", s.Cal.ReferenceDate.AddDays(1)), "4.2-I-2", NotMet),

        // 4.2-I-3 provincial or green-factory title on ReferenceDate.
        New("provincial CP enterprise valid until ReferenceDate", s => s.Title(TitleType.ProvincialCpEnterprise, s.Cal.LookbackStart, s.Cal.ReferenceDate), "4.2-I-3", Met),
        New("MIIT green factory, no end date", s => s.Title(TitleType.GreenFactoryMiit, s.Cal.LookbackStart, null), "4.2-I-3", Met),
        New("provincial green factory issued on ReferenceDate", s => s.Title(TitleType.GreenFactoryProvincial, s.Cal.ReferenceDate, null), "4.2-I-3", Met),
        New("green factory expired the day before ReferenceDate", s => s.Title(TitleType.GreenFactoryMiit, s.Cal.LookbackStart, s.Cal.ReferenceDate.AddDays(-1)), "4.2-I-3", NotMet),
        New("a municipal title is not enough for E", s => s.Title(TitleType.MunicipalCpAudit, s.Cal.LookbackStart, null), "4.2-I-3", NotMet),
        New("the group is met by the title route", s => s.Title(TitleType.GreenFactoryMiit, s.Cal.LookbackStart, null), "4.2-I", Met, "met by 4.2-I-3"),

        // 4.2-II compliance.
        New("violation of the factory on ComplianceStart", s => s.Violation("V-1", ScreeningScenario.Factory, "x", s.Cal.ComplianceStart), "4.2-II", NotMet),
        New("name-only violation", s => s.Violation("V-1", null, "東莞明達五金製品有限公司", s.Cal.ReferenceDate), "4.2-II", Unknown),
        New("declaration not recorded", s => s.With(a => a with { DeclarationSigned = null }), "4.2-II", Unknown),

        // REN and 5.3 renewal.
        Renewal("E label expiring this year", s => s.RenewableLabel(LabelType.E), "REN", Met),
        Renewal("an M label does not renew an E label", s => s.RenewableLabel(LabelType.M), "REN", NotMet),
        Renewal("assessment label and 2 cost options since ValidityStart", s => s.RenewableLabel(LabelType.E).CostOptionsSince(s.RenewableAward(LabelType.E), s.Cal.ReferenceDate), "5.3-I-1", Met),
        Renewal("a cost option the day before ValidityStart", s => s.RenewableLabel(LabelType.E).CostOptionsSince(s.RenewableAward(LabelType.E).AddDays(-1), s.Cal.ReferenceDate), "5.3-I-1", NotMet),
        Renewal("register gives no route", s => s.Label("OLD-1", LabelType.E, s.RenewableAward(LabelType.E), route: null).CostOptionsSince(s.RenewableAward(LabelType.E), s.Cal.ReferenceDate), "5.3-I-1", Unknown),
        Renewal("green factory valid until ValidityStart", s => s.RenewableLabel(LabelType.E, LabelRoute.Title).Title(TitleType.GreenFactoryProvincial, s.Cal.LookbackStart, s.RenewableAward(LabelType.E)), "5.3-I-2", Met),
        Renewal("green factory valid until the day before ValidityStart", s => s.RenewableLabel(LabelType.E, LabelRoute.Title).Title(TitleType.GreenFactoryProvincial, s.Cal.LookbackStart, s.RenewableAward(LabelType.E).AddDays(-1)), "5.3-I-2", NotMet),
        Renewal("the group is met by the title route", s => s.RenewableLabel(LabelType.E, LabelRoute.Title).Title(TitleType.ProvincialCpEnterprise, s.Cal.ReferenceDate, null), "5.3-I", Met, "met by 5.3-I-2"),
        Renewal("no label being renewed: compliance not evaluated", s => s, "5.3-II", NotEvaluated, "not evaluated: there is no label being renewed"),
        Renewal("no label being renewed: routes not evaluated", s => s, "5.3-I", NotEvaluated, "not evaluated"),
        Renewal("a label being renewed: compliance evaluated", s => s.RenewableLabel(LabelType.E), "5.3-II", Met),
        Renewal("violation on ValidityStart", s => s.RenewableLabel(LabelType.E).Violation("V-1", ScreeningScenario.Factory, "x", s.RenewableAward(LabelType.E)), "5.3-II", NotMet));

    public static TheoryData<string, int> Cases => RuleTable.Data(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string name, int year) => Table[name].Verify(year);

    private static ScreeningScenario TwoMLabels(ScreeningScenario s) =>
        s.Label("M-1", LabelType.M, s.Cal.LookbackStart).Label("M-2", LabelType.M, s.Cal.LookbackStart.AddYears(2));

    private static RuleCase New(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new(name, LabelType.E, ApplicationKind.New, arrange, requirement, expected, note);

    private static RuleCase Renewal(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new("renewal: " + name, LabelType.E, ApplicationKind.Renewal, arrange, requirement, expected, note);
}
