using BatchCycle.Cycle;
using BatchCycle.Import;
using static BatchCycle.Screening.RequirementStatus;

namespace BatchCycle.Tests.Screening;

public sealed class TechnicalServicePartnerRulesTests
{
    private static readonly IReadOnlyDictionary<string, RuleCase> Table = RuleTable.Of(
        // 2.4 registered provider on ReferenceDate.
        New("registered provider", s => Registered(s), "2.4", Met),
        New("provider not in the register", s => s, "2.4", NotMet, "not in the provider register"),
        New("provider delisted on ReferenceDate", s => s.ProviderRecord(ProviderStatus.Delisted, s.Cal.LookbackStart, s.Cal.ReferenceDate), "2.4", NotMet, "delisted"),
        New("provider delisted the day after ReferenceDate", s => s.ProviderRecord(ProviderStatus.Delisted, s.Cal.LookbackStart, s.Cal.ReferenceDate.AddDays(1)), "2.4", Met),
        New("provider delisted, no date", s => s.ProviderRecord(ProviderStatus.Delisted, s.Cal.LookbackStart), "2.4", NotMet),
        New("provider registered on ReferenceDate", s => s.ProviderRecord(ProviderStatus.Registered, s.Cal.ReferenceDate), "2.4", Met),
        New("provider registered the day after ReferenceDate", s => s.ProviderRecord(ProviderStatus.Registered, s.Cal.ReferenceDate.AddDays(1)), "2.4", NotMet),
        New("no provider id", s => Registered(s).With(a => a with { ProviderId = null }), "2.4", Unknown),

        // 4.4-1 five projects completed in [LookbackStart, ReferenceDate].
        New("5 projects on LookbackStart to ReferenceDate", s => Projects(s, 5, s.Cal.LookbackStart, s.Cal.ReferenceDate), "4.4-1", Met),
        New("4 projects", s => Projects(s, 4, s.Cal.LookbackStart, s.Cal.ReferenceDate), "4.4-1", NotMet, "5 needed"),
        New("a project the day before LookbackStart", s => Projects(s, 5, s.Cal.LookbackStart.AddDays(-1), s.Cal.ReferenceDate), "4.4-1", NotMet),
        New("a project the day after ReferenceDate", s => Projects(s, 5, s.Cal.LookbackStart, s.Cal.ReferenceDate.AddDays(1)), "4.4-1", NotMet),
        New("a project previously declared", s => Projects(s, 4, s.Cal.LookbackStart, s.Cal.ReferenceDate).Project("X-9", ProjectType.Verification, s.Cal.ReferenceDate, provider: ScreeningScenario.Provider, previouslyDeclaredIn: 2024), "4.4-1", NotMet, "X-9 not counted: already declared in 2024 (footnote 6)"),
        New("a project still in progress", s => Projects(s, 4, s.Cal.LookbackStart, s.Cal.ReferenceDate).Project("X-9", ProjectType.Verification, null, ProjectStatus.InProgress, provider: ScreeningScenario.Provider), "4.4-1", NotMet),
        New("a project of another type is never counted", s => Projects(s, 4, s.Cal.LookbackStart, s.Cal.ReferenceDate).Project("X-9", ProjectType.Other, s.Cal.ReferenceDate, provider: ScreeningScenario.Provider), "4.4-1", NotMet),

        // 4.4-2 complaints in [LookbackStart, ReferenceDate].
        New("no complaint", s => s, "4.4-2", Met),
        New("substantiated complaint on LookbackStart", s => s.Complaint("C-1", s.Cal.LookbackStart, true), "4.4-2", NotMet, "C-1"),
        New("substantiated complaint the day before LookbackStart", s => s.Complaint("C-1", s.Cal.LookbackStart.AddDays(-1), true), "4.4-2", Met),
        New("substantiated complaint on ReferenceDate", s => s.Complaint("C-1", s.Cal.ReferenceDate, true), "4.4-2", NotMet),
        New("substantiated complaint the day after ReferenceDate", s => s.Complaint("C-1", s.Cal.ReferenceDate.AddDays(1), true), "4.4-2", Met),
        New("unsubstantiated complaint", s => s.Complaint("C-1", s.Cal.ReferenceDate, false), "4.4-2", Met, "unsubstantiated: C-1"),
        New("complaint still open", s => s.Complaint("C-1", s.Cal.ReferenceDate, null), "4.4-2", Met, "still open"),

        // REN and 5.5 renewal from ComplianceStart.
        Renewal("T label of the provider expiring this year", s => s.RenewableLabel(LabelType.T, LabelRoute.Projects), "REN", Met),
        Renewal("T label expiring next year", s => s.Label("OLD-1", LabelType.T, s.RenewableAward(LabelType.T).AddYears(1), factory: null, provider: ScreeningScenario.Provider), "REN", NotMet),
        Renewal("T label of another provider", s => s.Label("OLD-1", LabelType.T, s.RenewableAward(LabelType.T), factory: null, provider: "ETS-999"), "REN", NotMet),
        Renewal("3 projects on ComplianceStart to ReferenceDate", s => Projects(s, 3, s.Cal.ComplianceStart, s.Cal.ReferenceDate), "5.5-1", Met),
        Renewal("a project the day before ComplianceStart", s => Projects(s, 3, s.Cal.ComplianceStart.AddDays(-1), s.Cal.ReferenceDate), "5.5-1", NotMet, "3 needed"),
        Renewal("substantiated report on ComplianceStart", s => s.Complaint("C-1", s.Cal.ComplianceStart, true), "5.5-2", NotMet),
        Renewal("substantiated report the day before ComplianceStart", s => s.Complaint("C-1", s.Cal.ComplianceStart.AddDays(-1), true), "5.5-2", Met));

    public static TheoryData<string, int> Cases => RuleTable.Data(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string name, int year) => Table[name].Verify(year);

    private static ScreeningScenario Registered(ScreeningScenario s) => s.ProviderRecord(ProviderStatus.Registered, s.Cal.LookbackStart);

    /// <summary><paramref name="count"/> completed projects of the provider, the first on <paramref name="first"/>, the last on <paramref name="last"/>.</summary>
    private static ScreeningScenario Projects(ScreeningScenario s, int count, DateOnly first, DateOnly last)
    {
        for (var i = 0; i < count; i++)
        {
            var day = i == 0 ? first : i == count - 1 ? last : s.Cal.ReferenceDate.AddMonths(-i);
            s.Project($"X-{i + 1}", ProjectType.Verification, day, factory: $"9144030000000000{i:00}", provider: ScreeningScenario.Provider);
        }

        return s;
    }

    private static RuleCase New(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new(name, LabelType.T, ApplicationKind.New, arrange, requirement, expected, note);

    private static RuleCase Renewal(string name, Func<ScreeningScenario, ScreeningScenario> arrange, string requirement, BatchCycle.Screening.RequirementStatus expected, string? note = null) =>
        new("renewal: " + name, LabelType.T, ApplicationKind.Renewal, arrange, requirement, expected, note);
}
