using BatchCycle.Cycle;
using BatchCycle.Import;
using static BatchCycle.Screening.RequirementStatus;

namespace BatchCycle.Tests.Screening;

public sealed class SupplyChainPartnerRulesTests
{
    private const string F1 = "91440300MA5F100001";
    private const string F2 = "91440300MA5F100002";
    private const string F3 = "91440300MA5F100003";
    private const string OutsideGuangdong = "91110000MA5F100004";
    private const string HongKong = "H87654321";

    private static readonly IReadOnlyDictionary<string, RuleCase> Table = RuleTable.Of(
        // 2.3 business registration.
        New("Hong Kong registration", s => s, "2.3", Met),
        New("mainland registration", s => s.With(a => a with { RegistrationPlace = RegistrationPlace.Mainland, RegistrationNo = "91440300MA5F777777" }), "2.3", Met),
        New("registration place missing", s => s.With(a => a with { RegistrationPlace = null }), "2.3", Unknown),
        New("registration number missing", s => s.With(a => a with { RegistrationNo = null }), "2.3", Unknown),

        // 4.3-1 three distinct recommended factories, approvals in [LookbackStart, ReferenceDate].
        New("3 factories approved on LookbackStart and ReferenceDate", s => ThreeFactories(s, s.Cal.LookbackStart, s.Cal.ReferenceDate), "4.3-1", Met),
        New("an approval the day before LookbackStart", s => ThreeFactories(s, s.Cal.LookbackStart.AddDays(-1), s.Cal.ReferenceDate), "4.3-1", NotMet),
        New("an approval the day after ReferenceDate", s => ThreeFactories(s, s.Cal.LookbackStart, s.Cal.ReferenceDate.AddDays(1)), "4.3-1", NotMet),
        New("3 projects but 2 distinct factories", s => s.Recommended("P-1", F1, s.Cal.LookbackStart).Recommended("P-2", F2, s.Cal.LookbackStart).Recommended("P-3", F2, s.Cal.ReferenceDate), "4.3-1", NotMet, "2 distinct factories"),
        New("a withdrawn project does not count", s => s.Recommended("P-1", F1, s.Cal.LookbackStart).Recommended("P-2", F2, s.Cal.LookbackStart).Recommended("P-3", F3, s.Cal.ReferenceDate, ProjectStatus.Withdrawn), "4.3-1", NotMet),
        New("a rejected project does not count", s => s.Recommended("P-1", F1, s.Cal.LookbackStart).Recommended("P-2", F2, s.Cal.LookbackStart).Recommended("P-3", F3, s.Cal.ReferenceDate, ProjectStatus.Rejected), "4.3-1", NotMet),
        New("a completed project counts", s => s.Recommended("P-1", F1, s.Cal.LookbackStart).Recommended("P-2", F2, s.Cal.LookbackStart).Recommended("P-3", F3, s.Cal.ReferenceDate, ProjectStatus.Completed), "4.3-1", Met),
        New("a project previously declared", s => s.Recommended("P-1", F1, s.Cal.LookbackStart).Recommended("P-2", F2, s.Cal.LookbackStart).Recommended("P-3", F3, s.Cal.ReferenceDate, previouslyDeclaredIn: 2023), "4.3-1", NotMet, "P-3 not counted: already declared in 2023 (footnote 6)"),

        // 4.3-2 procurement from three factories holding a label or title during the period.
        New("3 suppliers with an M label, an E label and a MIIT green factory", s => ThreeSuppliers(s, s.Cal.LookbackStart.AddYears(1), null), "4.3-2", Met),
        New("a period ending the day before LookbackStart", s => SupplierLabels(s).Title(TitleType.GreenFactoryMiit, s.Cal.LookbackStart.AddYears(-3), null, factory: F3).Procurement(F1, s.Cal.LookbackStart, null).Procurement(F2, s.Cal.LookbackStart, null).Procurement(F3, s.Cal.LookbackStart.AddYears(-2), s.Cal.LookbackStart.AddDays(-1)), "4.3-2", NotMet, "outside"),
        New("a period ending on LookbackStart, label valid that day", s => SupplierLabels(s).Procurement(F1, s.Cal.LookbackStart.AddYears(1), null).Procurement(F2, s.Cal.LookbackStart.AddYears(1), null).Procurement(F3, s.Cal.LookbackStart.AddYears(-1), s.Cal.LookbackStart).Label("S3", LabelType.M, s.Cal.LookbackStart.AddYears(-1), factory: F3, holder: null), "4.3-2", Met),
        New("a period starting on ReferenceDate", s => ThreeSuppliers(s, s.Cal.ReferenceDate, null), "4.3-2", Met),
        New("a period starting the day after ReferenceDate", s => ThreeSuppliers(s, s.Cal.ReferenceDate.AddDays(1), null), "4.3-2", NotMet),
        New("a supplier whose label expired before the period", s => SupplierLabels(s).Procurement(F1, s.Cal.LookbackStart.AddYears(1), null).Procurement(F2, s.Cal.LookbackStart.AddYears(1), null).Procurement(F3, s.Cal.ReferenceDate, null).Label("S3", LabelType.M, s.Cal.LookbackStart, factory: F3, holder: null), "4.3-2", NotMet, "no M/E label or qualifying title"),
        New("a supplier with a municipal title only", s => s.Label("S1", LabelType.M, s.Cal.LookbackStart.AddYears(2), factory: F1, holder: null).Label("S2", LabelType.E, s.Cal.LookbackStart.AddYears(2), factory: F2, holder: null).Title(TitleType.MunicipalCpEnterprise, s.Cal.LookbackStart, null, factory: F3).Procurement(F1, s.Cal.LookbackStart, null).Procurement(F2, s.Cal.LookbackStart, null).Procurement(F3, s.Cal.LookbackStart, null), "4.3-2", NotMet),
        New("the same supplier declared twice counts once", s => SupplierLabels(s).Procurement(F1, s.Cal.LookbackStart, null).Procurement(F1, s.Cal.LookbackStart.AddYears(1), null).Procurement(F2, s.Cal.LookbackStart, null), "4.3-2", NotMet, "2 qualifying supplier factories"),
        New("no procurement declared", s => s, "4.3-2", NotMet, "no procurement declared"),
        New("a supplier factory outside Guangdong is not counted", s => ThreeSuppliers(s, s.Cal.LookbackStart.AddYears(1), null, OutsideGuangdong), "4.3-2", NotMet, OutsideGuangdong + " not counted: factory registered outside Hong Kong and Guangdong (USCC region 11)"),
        New("a supplier factory in Hong Kong counts", s => ThreeSuppliers(s, s.Cal.LookbackStart.AddYears(1), null, HongKong), "4.3-2", Met, HongKong),
        New("a supplier written as a bare BR number is not counted", s => ThreeSuppliers(s, s.Cal.LookbackStart.AddYears(1), null, "87654321"), "4.3-2", NotMet, "87654321 not counted: neither a Hong Kong factory (H + BR) nor a Guangdong USCC"),
        New("the group is met by procurement", s => ThreeSuppliers(s, s.Cal.LookbackStart.AddYears(1), null), "4.3", Met, "met by 4.3-2"),

        // REN and 5.4 renewal.
        Renewal("S label held under the registration number", s => s.RenewableLabel(LabelType.S, LabelRoute.Recommendation), "REN", Met),
        Renewal("S label of another holder", s => s.Label("OLD-1", LabelType.S, s.RenewableAward(LabelType.S), factory: null, holder: "87654321"), "REN", NotMet),
        Renewal("3 factories approved on ValidityStart and ReferenceDate", s => ThreeFactories(s.RenewableLabel(LabelType.S, LabelRoute.Recommendation), s.RenewableAward(LabelType.S), s.Cal.ReferenceDate), "5.4-1", Met),
        Renewal("an approval the day before ValidityStart", s => ThreeFactories(s.RenewableLabel(LabelType.S, LabelRoute.Recommendation), s.RenewableAward(LabelType.S).AddDays(-1), s.Cal.ReferenceDate), "5.4-1", NotMet),
        Renewal("a factory counted for the label being renewed", s => ThreeFactories(s.SystemLabel("OLD-S", LabelType.S, s.RenewableAward(LabelType.S), LabelRoute.Recommendation, "P-OLD").Recommended("P-OLD", F3, s.Cal.LookbackStart), s.RenewableAward(LabelType.S), s.Cal.ReferenceDate), "5.4-1", NotMet, "was counted for OLD-S"),
        Renewal("procurement overlapping ValidityStart", s => ThreeSuppliers(s.RenewableLabel(LabelType.S, LabelRoute.Procurement), s.RenewableAward(LabelType.S).AddYears(-1), s.RenewableAward(LabelType.S)), "5.4-2", Met),
        Renewal("procurement ending the day before ValidityStart", s => ThreeSuppliers(s.RenewableLabel(LabelType.S, LabelRoute.Procurement), s.RenewableAward(LabelType.S).AddYears(-1), s.RenewableAward(LabelType.S).AddDays(-1)), "5.4-2", NotMet),
        Renewal("no label being renewed", s => ThreeFactories(s, s.Cal.LookbackStart, s.Cal.ReferenceDate), "5.4", NotEvaluated, "not evaluated: there is no label being renewed"),
        Renewal("no label being renewed: procurement not evaluated", s => ThreeSuppliers(s, s.Cal.LookbackStart, null), "5.4-2", NotEvaluated, "not evaluated"),
        Renewal("procurement from a factory outside Guangdong", s => ThreeSuppliers(s.RenewableLabel(LabelType.S, LabelRoute.Procurement), s.RenewableAward(LabelType.S), null, OutsideGuangdong), "5.4-2", NotMet, OutsideGuangdong + " not counted: factory registered outside Hong Kong and Guangdong (USCC region 11)"),
        Renewal("procurement from a Hong Kong factory", s => ThreeSuppliers(s.RenewableLabel(LabelType.S, LabelRoute.Procurement), s.RenewableAward(LabelType.S), null, HongKong), "5.4-2", Met));

    public static TheoryData<string, int> Cases => RuleTable.Data(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string name, int year) => Table[name].Verify(year);

    [Fact]
    public void No_compliance_requirement_applies_to_supply_chain_partners()
    {
        var screening = ScreeningScenario.For(LabelType.S).Screen();
        Assert.DoesNotContain(screening.Requirements, r => r.Requirement.EndsWith("-II", StringComparison.Ordinal));
    }

    /// <summary>Three recommended factories: the first approved on <paramref name="first"/>, the last on <paramref name="last"/>.</summary>
    private static ScreeningScenario ThreeFactories(ScreeningScenario s, DateOnly first, DateOnly last) =>
        s.Recommended("P-1", F1, first).Recommended("P-2", F2, s.Cal.ReferenceDate.AddYears(-1)).Recommended("P-3", F3, last);

    /// <summary>F1 holds an M label and F2 an E label from before the window to after it, F3 a MIIT green-factory title with no end.</summary>
    private static ScreeningScenario SupplierLabels(ScreeningScenario s) =>
        s.Label("S1", LabelType.M, s.Cal.LookbackStart.AddYears(-1), factory: F1, holder: null)
            .Label("S1B", LabelType.M, s.Cal.LookbackStart.AddYears(1), factory: F1, holder: null)
            .Label("S1C", LabelType.M, s.Cal.LookbackStart.AddYears(3), factory: F1, holder: null)
            .Label("S1D", LabelType.M, s.Cal.Opens, factory: F1, holder: null)
            .Label("S2", LabelType.E, s.Cal.LookbackStart.AddYears(-1), factory: F2, holder: null)
            .Label("S2B", LabelType.E, s.Cal.LookbackStart.AddYears(1), factory: F2, holder: null)
            .Label("S2C", LabelType.E, s.Cal.LookbackStart.AddYears(3), factory: F2, holder: null)
            .Label("S2D", LabelType.E, s.Cal.Opens, factory: F2, holder: null);

    /// <summary>Procurement from F1, F2 and a third supplier (F3 unless given) holding a MIIT green-factory title with no end.</summary>
    private static ScreeningScenario ThreeSuppliers(ScreeningScenario s, DateOnly from, DateOnly? to, string third = F3) =>
        SupplierLabels(s)
            .Title(TitleType.GreenFactoryMiit, s.Cal.LookbackStart.AddYears(-3), null, factory: third)
            .Procurement(F1, from, to)
            .Procurement(F2, from, to)
            .Procurement(third, from, to);

    private static RuleCase New(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new(name, LabelType.S, ApplicationKind.New, arrange, requirement, expected, note);

    private static RuleCase Renewal(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new("renewal: " + name, LabelType.S, ApplicationKind.Renewal, arrange, requirement, expected, note);
}
