using BatchCycle.Cycle;
using BatchCycle.Import;
using static BatchCycle.Screening.RequirementStatus;

namespace BatchCycle.Tests.Screening;

public sealed class ManufacturingPartnerRulesTests
{
    private const string HkFactory = "H" + ScreeningScenario.Br;

    private static readonly IReadOnlyDictionary<string, RuleCase> Table = RuleTable.Of(
        // 1.4 application window, both ends included.
        New("submitted the day before Opens", s => s.With(a => a with { SubmittedOn = s.Cal.Opens.AddDays(-1) }), "1.4", NotMet),
        New("submitted on Opens", s => s.With(a => a with { SubmittedOn = s.Cal.Opens }), "1.4", Met),
        New("submitted on Closes", s => s.With(a => a with { SubmittedOn = s.Cal.Closes }), "1.4", Met),
        New("submitted the day after Closes", s => s.With(a => a with { SubmittedOn = s.Cal.Closes.AddDays(1) }), "1.4", NotMet),
        New("no submission date", s => s.With(a => a with { SubmittedOn = null }), "1.4", Unknown, "SubmittedOn blank"),

        // 2.1 Hong Kong company and factory relationship (footnote 4).
        New("wholly owned Guangdong factory", s => s, "2.1", Met),
        New("BR number not 8 digits", s => s.With(a => a with { RegistrationNo = "1234567" }), "2.1", NotMet),
        New("BR number typed as 7 digits in a text cell", s => s.With(a => a with { RegistrationNo = "01234567", RegistrationNoAsWritten = "1234567" }), "2.1", Unknown, "BR number given as 7 digits, read as 01234567: confirm"),
        New("BR number padded from a number cell", s => s.With(a => a with { RegistrationNo = "01234567", RegistrationNoAsWritten = null }), "2.1", Met, "BR 01234567"),
        New("applicant registered on the mainland", s => s.With(a => a with { RegistrationPlace = RegistrationPlace.Mainland }), "2.1", NotMet),
        New("no BR number", s => s.With(a => a with { RegistrationNo = null }), "2.1", Unknown),
        New("factory registered outside Guangdong", s => s.With(a => a with { FactoryId = "911100001000000001" }), "2.1", NotMet),
        New("relationship not given", s => s.With(a => a with { Relationship = null }), "2.1", Unknown),
        New("relationship ii, factory in Hong Kong", s => s.With(a => a with { Relationship = FactoryRelationship.HongKongOwned, FactoryId = HkFactory }), "2.1", Met),
        New("relationship ii, factory on the mainland", s => s.With(a => a with { Relationship = FactoryRelationship.HongKongOwned }), "2.1", NotMet),
        New("relationship d, 51 % and 30 %", s => s.With(Shares(51m, 30m)), "2.1", Met),
        New("relationship d, 50.01 % and 30 %", s => s.With(Shares(50.01m, 30m)), "2.1", Met),
        New("relationship d, exactly 50 % of the factory", s => s.With(Shares(50m, 30m)), "2.1", NotMet, "more than 50 %"),
        New("relationship d, 29.9 % of the applicant", s => s.With(Shares(51m, 29.9m)), "2.1", NotMet, "at least 30 %"),
        New("relationship d, percentages missing", s => s.With(Shares(null, 30m)), "2.1", Unknown),
        New("relationship d, shareholder not a Hong Kong resident", s => s.With(a => Shares(51m, 30m)(a) with { HolderIsHkResident = false }), "2.1", NotMet),

        // 4.1-I-1 on-site assessment route (footnote 3 for the site check).
        New("assessment with 3 cost options", s => s.GoodAssessment(), "4.1-I-1", Met),
        New("assessment completed the day before LookbackStart", s => s.Assessment("OSA-1", s.Cal.LookbackStart.AddDays(-1)).Options3("OSA-1", s.Cal.LookbackStart), "4.1-I-1", NotMet),
        New("assessment completed on LookbackStart", s => s.Assessment("OSA-1", s.Cal.LookbackStart).Options3("OSA-1", s.Cal.LookbackStart), "4.1-I-1", Met),
        New("assessment and options completed on ReferenceDate", s => s.Assessment("OSA-1", s.Cal.ReferenceDate).Options3("OSA-1", s.Cal.ReferenceDate), "4.1-I-1", Met),
        New("assessment completed the day after ReferenceDate", s => s.Assessment("OSA-1", s.Cal.ReferenceDate.AddDays(1)).Options3("OSA-1", s.Cal.ReferenceDate), "4.1-I-1", NotMet),
        New("cost option completed the day after ReferenceDate", s => s.GoodAssessment(costOptions: 2).Option("OSA-1", "9", OptionCost.Cost, OptionStatus.Completed, s.Cal.ReferenceDate.AddDays(1)), "4.1-I-1", NotMet, "2 cost options completed"),
        New("2 cost options, one reducing VOC", s => s.GoodAssessment(costOptions: 1).Option("OSA-1", "9", OptionCost.Cost, OptionStatus.Completed, s.Cal.LookbackStart.AddYears(2), reducesVocOrNox: true), "4.1-I-1", Met, "reduces VOC or NOx"),
        New("2 cost options, none reducing VOC", s => s.GoodAssessment(costOptions: 2), "4.1-I-1", NotMet, "neither reduces VOC or NOx"),
        New("2 cost options, VOC not recorded", s => s.GoodAssessment(costOptions: 1).Option("OSA-1", "9", OptionCost.Cost, OptionStatus.Completed, s.Cal.LookbackStart.AddYears(2), reducesVocOrNox: null), "4.1-I-1", Unknown),
        New("1 cost option", s => s.GoodAssessment(costOptions: 1), "4.1-I-1", NotMet),
        New("3 cost options and one planned", s => s.GoodAssessment().Option("OSA-1", "9", OptionCost.Cost, OptionStatus.Planned, null), "4.1-I-1", Met),
        New("3 cost options and one not planned", s => s.GoodAssessment().Option("OSA-1", "9", OptionCost.Cost, OptionStatus.NotPlanned, null), "4.1-I-1", NotMet, "neither completed nor planned"),
        New("a no-cost option only planned", s => s.GoodAssessment().Option("OSA-1", "9", OptionCost.NoCost, OptionStatus.Planned, null), "4.1-I-1", NotMet, "no-cost option"),
        New("assessment without options", s => s.Assessment("OSA-1", s.Cal.LookbackStart.AddYears(1)), "4.1-I-1", NotMet, "lists no improvement options"),
        New("assessment not completed", s => s.Project("OSA-1", ProjectType.OnSiteAssessment, null, ProjectStatus.InProgress).Options3("OSA-1", s.Cal.LookbackStart), "4.1-I-1", NotMet),
        New("site check not recorded", s => s.GoodAssessment().With(a => a with { SiteCheck = null }), "4.1-I-1", Unknown, "no on-site check recorded yet (SiteCheck blank)"),
        New("site check failed", s => s.GoodAssessment().With(a => a with { SiteCheck = SiteCheckResult.Fail }), "4.1-I-1", NotMet, "SiteCheck Fail"),
        New("site check not recorded makes the group unknown", s => s.GoodAssessment().With(a => a with { SiteCheck = null }), "4.1-I", Unknown),
        New("assessment previously declared", s => s.Assessment("OSA-1", s.Cal.LookbackStart.AddYears(1), previouslyDeclaredIn: 2023).Options3("OSA-1", s.Cal.LookbackStart.AddYears(1)), "4.1-I-1", NotMet, "OSA-1 not counted: already declared in 2023 (footnote 6)"),
        New("a cost option previously declared", s => s.GoodAssessment(costOptions: 2).Option("OSA-1", "9", OptionCost.Cost, OptionStatus.Completed, s.Cal.LookbackStart.AddYears(2), previouslyDeclaredIn: 2023), "4.1-I-1", NotMet, "OSA-1/9 not counted: already declared in 2023 (footnote 6)"),

        // 4.1-I-2 two demonstration projects.
        New("2 demonstration projects on LookbackStart and ReferenceDate", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate), "4.1-I-2", Met),
        New("a demonstration project the day before LookbackStart", s => s.Demo("DP-1", s.Cal.LookbackStart.AddDays(-1)).Demo("DP-2", s.Cal.ReferenceDate), "4.1-I-2", NotMet, "outside"),
        New("a demonstration project the day after ReferenceDate", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate.AddDays(1)), "4.1-I-2", NotMet),
        New("1 demonstration project", s => s.Demo("DP-1", s.Cal.LookbackStart), "4.1-I-2", NotMet, "2 needed"),
        New("a demonstration project previously declared", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate, previouslyDeclaredIn: 2023), "4.1-I-2", NotMet, "DP-2 not counted: already declared in 2023 (footnote 6)"),
        New("a demonstration project that was evidence of a system-issued label", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate).SystemLabel("OLD-M-1", LabelType.M, s.Cal.LookbackStart, LabelRoute.DemonstrationProjects, "DP-2"), "4.1-I-2", NotMet, "DP-2 not counted: already evidence of label OLD-M-1 (footnote 6)"),
        New("the group names the route that met it", s => s.Demo("DP-1", s.Cal.LookbackStart).Demo("DP-2", s.Cal.ReferenceDate), "4.1-I", Met, "met by 4.1-I-2"),
        New("no route met", s => s, "4.1-I", NotMet, "no route met"),

        // 4.1-I-3 municipal title valid on ReferenceDate.
        New("municipal audit valid until ReferenceDate", s => s.Title(TitleType.MunicipalCpAudit, s.Cal.LookbackStart, s.Cal.ReferenceDate), "4.1-I-3", Met),
        New("municipal audit valid until the day before ReferenceDate", s => s.Title(TitleType.MunicipalCpAudit, s.Cal.LookbackStart, s.Cal.ReferenceDate.AddDays(-1)), "4.1-I-3", NotMet),
        New("municipal enterprise title issued on ReferenceDate, no end", s => s.Title(TitleType.MunicipalCpEnterprise, s.Cal.ReferenceDate, null), "4.1-I-3", Met),
        New("municipal enterprise title issued the day after ReferenceDate", s => s.Title(TitleType.MunicipalCpEnterprise, s.Cal.ReferenceDate.AddDays(1), null), "4.1-I-3", NotMet),
        New("a provincial title is not a municipal one", s => s.Title(TitleType.ProvincialCpEnterprise, s.Cal.LookbackStart, null), "4.1-I-3", NotMet),
        New("title under another id with the same name in traditional characters", s => s.Title(TitleType.MunicipalCpAudit, s.Cal.LookbackStart, null, factory: "91440300MA5F999999", name: "東莞明達五金製品有限公司"), "4.1-I-3", Unknown, "confirm"),
        New("title of a Hong Kong factory recorded under the bare BR number", s => s.With(a => a with { FactoryId = HkFactory, Relationship = FactoryRelationship.HongKongOwned }).Title(TitleType.MunicipalCpAudit, s.Cal.LookbackStart, null, factory: ScreeningScenario.Br), "4.1-I-3", Met),

        // 4.1-II compliance since ComplianceStart.
        New("no violation", s => s, "4.1-II", Met),
        New("declaration not submitted", s => s.With(a => a with { DeclarationSigned = false }), "4.1-II", NotMet),
        New("declaration not recorded", s => s.With(a => a with { DeclarationSigned = null }), "4.1-II", Unknown),
        New("violation of the factory on ComplianceStart", s => s.Violation("V-1", ScreeningScenario.Factory, "x", s.Cal.ComplianceStart), "4.1-II", NotMet, "V-1"),
        New("violation of the factory the day before ComplianceStart", s => s.Violation("V-1", ScreeningScenario.Factory, "x", s.Cal.ComplianceStart.AddDays(-1)), "4.1-II", Met),
        New("penalty on ComplianceStart for an older violation", s => s.Violation("V-1", ScreeningScenario.Factory, "x", s.Cal.ComplianceStart.AddYears(-2), s.Cal.ComplianceStart), "4.1-II", NotMet),
        New("violation after ReferenceDate still counts", s => s.Violation("V-1", ScreeningScenario.Factory, "x", s.Cal.ReferenceDate.AddDays(1)), "4.1-II", NotMet),
        New("violation of another entity with the same name", s => s.Violation("V-1", "91440300MA5F999999", ScreeningScenario.FactoryName, s.Cal.ComplianceStart), "4.1-II", Met),
        New("name-only violation, same simplified name", s => s.Violation("V-1", null, ScreeningScenario.FactoryName, s.Cal.ComplianceStart), "4.1-II", Unknown, "V-1"),
        New("name-only violation, traditional characters", s => s.Violation("V-1", null, "東莞明達五金製品有限公司", s.Cal.ComplianceStart), "4.1-II", Unknown),
        New("name-only violation, 廠 instead of 有限公司", s => s.Violation("V-1", null, "東莞明達五金製品廠", s.Cal.ComplianceStart), "4.1-II", Unknown),
        New("name-only violation, full-width with spaces", s => s.Violation("V-1", null, "东莞 明达五金制品（有限公司）", s.Cal.ComplianceStart), "4.1-II", Unknown),
        New("name-only violation, another name", s => s.Violation("V-1", null, "东莞明达塑胶有限公司", s.Cal.ComplianceStart), "4.1-II", Met),
        New("name-only violation before ComplianceStart", s => s.Violation("V-1", null, ScreeningScenario.FactoryName, s.Cal.ComplianceStart.AddDays(-1)), "4.1-II", Met),
        New("Hong Kong factory, violation under the bare BR number", s => s.With(HongKongFactory).Violation("V-1", ScreeningScenario.Br, "Ming Tat", s.Cal.ComplianceStart), "4.1-II", NotMet),
        New("Hong Kong factory, name-only violation, full-width English with suffix variant", s => s.With(HongKongFactory).Violation("V-1", null, "ＭＩＮＧ ＴＡＴ ＩＮＤＵＳＴＲＩＡＬ Co., Ltd.", s.Cal.ComplianceStart), "4.1-II", Unknown),

        // REN and 5.2 renewal.
        Renewal("label expiring this year", s => s.RenewableLabel(LabelType.M), "REN", Met),
        Renewal("label expiring next year", s => s.Label("OLD-1", LabelType.M, s.RenewableAward(LabelType.M).AddYears(1)), "REN", NotMet, "not in"),
        Renewal("revoked label", s => s.Label("OLD-1", LabelType.M, s.RenewableAward(LabelType.M), revoked: true), "REN", NotMet, "revoked"),
        Renewal("an E label does not renew an M label", s => s.RenewableLabel(LabelType.E), "REN", NotMet),
        Renewal("no label: renewal routes not evaluated", s => s, "5.2-I", NotEvaluated, "not evaluated: there is no label being renewed"),
        Renewal("no label: a renewal route not evaluated", s => s, "5.2-I-2", NotEvaluated, "not evaluated"),
        Renewal("no label: compliance not evaluated", s => s, "5.2-II", NotEvaluated, "not evaluated"),
        Renewal("a label being renewed: compliance evaluated", s => s.RenewableLabel(LabelType.M), "5.2-II", Met),
        Renewal("2 cost options on ValidityStart and ReferenceDate", s => s.RenewableLabel(LabelType.M).CostOptionsSince(s.RenewableAward(LabelType.M), s.Cal.ReferenceDate), "5.2-I-1", Met),
        Renewal("a cost option the day before ValidityStart", s => s.RenewableLabel(LabelType.M).CostOptionsSince(s.RenewableAward(LabelType.M).AddDays(-1), s.Cal.ReferenceDate), "5.2-I-1", NotMet),
        Renewal("a cost option the day after ReferenceDate", s => s.RenewableLabel(LabelType.M).CostOptionsSince(s.RenewableAward(LabelType.M), s.Cal.ReferenceDate.AddDays(1)), "5.2-I-1", NotMet),
        Renewal("label obtained by another route", s => s.RenewableLabel(LabelType.M, LabelRoute.Audit).CostOptionsSince(s.RenewableAward(LabelType.M), s.Cal.ReferenceDate), "5.2-I-1", NotMet),
        Renewal("cost option previously declared", s => s.RenewableLabel(LabelType.M).CostOptionsSince(s.RenewableAward(LabelType.M), s.Cal.ReferenceDate, previouslyDeclaredIn: s.Cal.Year - 1), "5.2-I-1", NotMet, "footnote 6"),
        Renewal("municipal title valid until ValidityStart", s => s.RenewableLabel(LabelType.M).Title(TitleType.MunicipalCpAudit, s.Cal.LookbackStart, s.RenewableAward(LabelType.M)), "5.2-I-2", Met),
        Renewal("municipal title valid until the day before ValidityStart", s => s.RenewableLabel(LabelType.M).Title(TitleType.MunicipalCpAudit, s.Cal.LookbackStart, s.RenewableAward(LabelType.M).AddDays(-1)), "5.2-I-2", NotMet),
        Renewal("municipal title issued on ReferenceDate", s => s.RenewableLabel(LabelType.M).Title(TitleType.MunicipalCpEnterprise, s.Cal.ReferenceDate, null), "5.2-I-2", Met),
        Renewal("municipal title issued the day after ReferenceDate", s => s.RenewableLabel(LabelType.M).Title(TitleType.MunicipalCpEnterprise, s.Cal.ReferenceDate.AddDays(1), null), "5.2-I-2", NotMet),
        Renewal("violation on ValidityStart", s => s.RenewableLabel(LabelType.M).Violation("V-1", ScreeningScenario.Factory, "x", s.RenewableAward(LabelType.M)), "5.2-II", NotMet),
        Renewal("violation the day before ValidityStart", s => s.RenewableLabel(LabelType.M).Violation("V-1", ScreeningScenario.Factory, "x", s.RenewableAward(LabelType.M).AddDays(-1)), "5.2-II", Met));

    public static TheoryData<string, int> Cases => RuleTable.Data(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string name, int year) => Table[name].Verify(year);

    private static RuleCase New(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new(name, LabelType.M, ApplicationKind.New, arrange, requirement, expected, note);

    private static RuleCase Renewal(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new("renewal: " + name, LabelType.M, ApplicationKind.Renewal, arrange, requirement, expected, note);

    private static Func<Application, Application> Shares(decimal? factory, decimal? applicant) =>
        a => a with { Relationship = FactoryRelationship.D, HolderIsHkResident = true, HolderStakeInFactoryPct = factory, HolderStakeInApplicantPct = applicant };

    private static Application HongKongFactory(Application a) =>
        a with { FactoryId = HkFactory, FactoryName = null, Relationship = FactoryRelationship.HongKongOwned };
}
