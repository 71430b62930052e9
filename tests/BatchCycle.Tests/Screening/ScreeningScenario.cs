using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Screening;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace BatchCycle.Tests.Screening;

/// <summary>
/// A small cycle built in a few lines: one application of a label type (valid in every respect that does not
/// depend on evidence) and whatever projects, options, labels, titles, violations and complaints a case adds.
/// </summary>
public sealed class ScreeningScenario
{
    public const string Factory = "91440300MA5F000001";
    public const string FactoryName = "东莞明达五金制品有限公司";
    public const string Br = "12345678";
    public const string Provider = "ETS-001";

    private static readonly SourceRow Row = new("test.csv", "test.csv", 2);
    private readonly List<Application> applications = [];
    private readonly List<FundedProject> projects = [];
    private readonly List<ImprovementOption> options = [];
    private readonly List<Violation> violations = [];
    private readonly List<RegisterLabel> labels = [];
    private readonly List<RegisterLabel> systemLabels = [];
    private readonly List<Title> titles = [];
    private readonly List<ServiceProvider> providers = [];
    private readonly List<Complaint> complaints = [];
    private readonly List<ProcurementDeclaration> procurements = [];

    private ScreeningScenario(CycleCalendar calendar, Application application)
    {
        Cal = calendar;
        applications.Add(application);
    }

    /// <summary>The 2025 cycle as configured in the checkout's appsettings.json.</summary>
    public static CycleCalendar Calendar2025 => CalendarFor(2025);

    /// <summary>A cycle's calendar read from the checkout's appsettings.json, exactly as a run gets it.</summary>
    public static CycleCalendar CalendarFor(int year)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Repo.Root, "appsettings.json")).Build();
        return AppConfiguration.Settings(configuration).CalendarFor(year);
    }

    public CycleCalendar Cal { get; }

    public Application Application => applications[0];

    public static ScreeningScenario For(LabelType type, ApplicationKind kind = ApplicationKind.New, int year = 2025)
    {
        var calendar = CalendarFor(year);
        var factoryLabel = LabelTypes.IsFactoryLabel(type);
        var application = new Application(
            ApplicationId: "A-001",
            LabelType: type,
            Kind: kind,
            ApplicantName: "明达实业有限公司",
            ApplicantNameEn: "Ming Tat Industrial Limited",
            RegistrationPlace: RegistrationPlace.HK,
            RegistrationNo: type == LabelType.T ? null : Br,
            ProviderId: type == LabelType.T ? Provider : null,
            FactoryId: factoryLabel ? Factory : null,
            FactoryName: factoryLabel ? FactoryName : null,
            FactoryAddress: null,
            FactoryCity: factoryLabel ? "东莞" : null,
            Relationship: factoryLabel ? FactoryRelationship.B : null,
            HolderStakeInFactoryPct: null,
            HolderStakeInApplicantPct: null,
            HolderIsHkResident: null,
            SiteCheck: factoryLabel ? SiteCheckResult.Pass : null,
            DeclarationSigned: factoryLabel ? true : null,
            ContactName: "陈先生",
            ContactEmail: "chan@example.com",
            SubmittedOn: calendar.Opens.AddDays(10),
            Source: Row);
        return new ScreeningScenario(calendar, application);
    }

    public ScreeningScenario With(Func<Application, Application> change)
    {
        applications[0] = change(applications[0]);
        return this;
    }

    /// <summary>Another application in the same cycle, a copy of the first with <paramref name="change"/> applied.</summary>
    public ScreeningScenario Another(string applicationId, Func<Application, Application>? change = null)
    {
        var copy = applications[0] with { ApplicationId = applicationId };
        applications.Add(change is null ? copy : change(copy));
        return this;
    }

    public ScreeningScenario Project(
        string projectRef,
        ProjectType type,
        DateOnly? completedOn,
        ProjectStatus status = ProjectStatus.Completed,
        DateOnly? approvedOn = null,
        string factory = Factory,
        string? provider = null,
        string? recommendedBy = null,
        int? previouslyDeclaredIn = null)
    {
        projects.Add(new FundedProject(projectRef, type, type.ToString(), factory, null, provider, recommendedBy, status, approvedOn, completedOn, 100_000m, previouslyDeclaredIn, Row));
        return this;
    }

    /// <summary>A funded project for <paramref name="factory"/> that the S applicant recommended.</summary>
    public ScreeningScenario Recommended(string projectRef, string factory, DateOnly approvedOn, ProjectStatus status = ProjectStatus.Approved, int? previouslyDeclaredIn = null) =>
        Project(projectRef, ProjectType.DemonstrationProject, null, status, approvedOn, factory, recommendedBy: Br, previouslyDeclaredIn: previouslyDeclaredIn);

    public ScreeningScenario Demo(string projectRef, DateOnly completedOn, int? previouslyDeclaredIn = null) =>
        Project(projectRef, ProjectType.DemonstrationProject, completedOn, previouslyDeclaredIn: previouslyDeclaredIn);

    public ScreeningScenario Assessment(string projectRef, DateOnly? completedOn, int? previouslyDeclaredIn = null) =>
        Project(projectRef, ProjectType.OnSiteAssessment, completedOn, previouslyDeclaredIn: previouslyDeclaredIn);

    public ScreeningScenario Option(
        string projectRef,
        string optionNo,
        OptionCost cost,
        OptionStatus status,
        DateOnly? completedOn,
        bool? reducesVocOrNox = false,
        int? previouslyDeclaredIn = null)
    {
        options.Add(new ImprovementOption(projectRef, optionNo, cost, null, reducesVocOrNox, status, completedOn, previouslyDeclaredIn, Row));
        return this;
    }

    /// <summary>An assessment completed mid-window with every no-cost option done and <paramref name="costOptions"/> cost options done.</summary>
    public ScreeningScenario GoodAssessment(string projectRef = "OSA-1", int costOptions = 3)
    {
        var done = Cal.LookbackStart.AddYears(2);
        Assessment(projectRef, done).Option(projectRef, "1", OptionCost.NoCost, OptionStatus.Completed, done);
        for (var i = 0; i < costOptions; i++)
        {
            Option(projectRef, (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), OptionCost.Cost, OptionStatus.Completed, done);
        }

        return this;
    }

    /// <summary>A completed no-cost option and three completed cost options of <paramref name="projectRef"/>.</summary>
    public ScreeningScenario Options3(string projectRef, DateOnly completedOn) =>
        Option(projectRef, "1", OptionCost.NoCost, OptionStatus.Completed, completedOn)
            .Option(projectRef, "2", OptionCost.Cost, OptionStatus.Completed, completedOn)
            .Option(projectRef, "3", OptionCost.Cost, OptionStatus.Completed, completedOn)
            .Option(projectRef, "4", OptionCost.Cost, OptionStatus.Completed, completedOn);

    /// <summary>The assessment a renewed label came from, with two cost options completed on the given days since.</summary>
    public ScreeningScenario CostOptionsSince(DateOnly first, DateOnly second, int? previouslyDeclaredIn = null) =>
        Assessment("OSA-OLD", Cal.LookbackStart.AddYears(1), previouslyDeclaredIn: Cal.Year - 2)
            .Option("OSA-OLD", "5", OptionCost.Cost, OptionStatus.Completed, first, previouslyDeclaredIn: previouslyDeclaredIn)
            .Option("OSA-OLD", "6", OptionCost.Cost, OptionStatus.Completed, second);

    public ScreeningScenario Violation(string caseRef, string? entityId, string entityName, DateOnly? violationDate, DateOnly? penaltyDate = null)
    {
        violations.Add(new Violation(caseRef, "环保局", entityId, entityName, violationDate, penaltyDate, null, null, Row));
        return this;
    }

    public ScreeningScenario Label(
        string serial,
        LabelType type,
        DateOnly awardedOn,
        string? factory = Factory,
        string? holder = Br,
        string? provider = null,
        LabelRoute? route = LabelRoute.OnSiteAssessment,
        bool revoked = false)
    {
        labels.Add(new RegisterLabel(serial, type, "明达实业有限公司", holder, factory, provider, awardedOn, LabelTypes.ExpiresOn(type, awardedOn), route, revoked, null, null, Row, []));
        return this;
    }

    /// <summary>A label this system issued in an earlier cycle, with the evidence it was awarded on.</summary>
    public ScreeningScenario SystemLabel(string serial, LabelType type, DateOnly awardedOn, LabelRoute route, params string[] evidence)
    {
        systemLabels.Add(new RegisterLabel(
            serial, type, "明达实业有限公司", Br, LabelTypes.IsFactoryLabel(type) ? Factory : null, type == LabelType.T ? Provider : null,
            awardedOn, LabelTypes.ExpiresOn(type, awardedOn), route, false, null, null, null, evidence));
        return this;
    }

    /// <summary>A label expiring in this cycle's year, as the one a renewal renews: awarded in December two (or for T, one) years before.</summary>
    public ScreeningScenario RenewableLabel(LabelType type, LabelRoute route = LabelRoute.OnSiteAssessment, string serial = "OLD-1") =>
        Label(serial, type, RenewableAward(type), provider: type == LabelType.T ? Provider : null, route: route);

    public DateOnly RenewableAward(LabelType type) => new(Cal.Year - LabelTypes.ValidityYears(type), 12, 19);

    public ScreeningScenario Title(TitleType type, DateOnly issuedOn, DateOnly? validUntil, string factory = Factory, string? name = FactoryName, string? certificateNo = "T-1")
    {
        titles.Add(new Title(factory, name, type, certificateNo, issuedOn, validUntil, Row));
        return this;
    }

    public ScreeningScenario ProviderRecord(ProviderStatus status, DateOnly? registeredOn = null, DateOnly? delistedOn = null, string id = Provider)
    {
        providers.Add(new ServiceProvider(id, "绿源环保科技", status, registeredOn, delistedOn, Row));
        return this;
    }

    public ScreeningScenario Complaint(string reference, DateOnly receivedOn, bool? substantiated)
    {
        complaints.Add(new Complaint(Provider, receivedOn, ComplaintKind.ClientComplaint, substantiated, reference, Row));
        return this;
    }

    public ScreeningScenario Procurement(string supplierFactory, DateOnly from, DateOnly? to)
    {
        procurements.Add(new ProcurementDeclaration(Application.ApplicationId, supplierFactory, null, from, to, Row));
        return this;
    }

    public CycleData Data => new(applications, projects, options, violations, labels, titles, providers, complaints, procurements, []);

    public IReadOnlyList<RegisterLabel> SystemLabels => systemLabels;

    public IReadOnlyList<ApplicationScreening> ScreenAll() => Screener.Screen(Data, systemLabels, Cal);

    /// <summary>The screening of the first application.</summary>
    public ApplicationScreening Screen() => ScreenAll().Single(s => s.ApplicationId == Application.ApplicationId);
}

public static class ScreeningAssertions
{
    public static RequirementResult Line(this ApplicationScreening screening, string requirement) =>
        screening.Requirements.SingleOrDefault(r => r.Requirement == requirement)
        ?? throw new Xunit.Sdk.XunitException($"{screening.ApplicationId} has no {requirement} line; it has {string.Join(", ", screening.Requirements.Select(r => r.Requirement))}");
}

/// <summary>One row of a rule table: a name, how the cycle differs from the default, and the expected line.</summary>
public sealed record RuleCase(string Name, LabelType Type, ApplicationKind Kind, Func<ScreeningScenario, ScreeningScenario> Arrange, string Requirement, RequirementStatus Expected, string? NoteContains = null)
{
    public void Verify(int year)
    {
        var scenario = Arrange(ScreeningScenario.For(Type, Kind, year));
        var line = scenario.Screen().Line(Requirement);
        Assert.True(Expected == line.Result, $"{Name} ({year}): expected {Requirement} {Expected}, got {line.Result}: {line.Note}");
        if (NoteContains is not null)
        {
            Assert.Contains(NoteContains, line.Note, StringComparison.Ordinal);
        }
    }
}

/// <summary>A rule table: each case runs once per configured cycle, so no rule can depend on 2025.</summary>
public static class RuleTable
{
    public static readonly int[] Years = [2025, 2027];

    public static IReadOnlyDictionary<string, RuleCase> Of(params RuleCase[] cases) => cases.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string, int> Data(IReadOnlyDictionary<string, RuleCase> table)
    {
        var data = new TheoryData<string, int>();
        foreach (var name in table.Keys)
        {
            foreach (var year in Years)
            {
                data.Add(name, year);
            }
        }

        return data;
    }
}
