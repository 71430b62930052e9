using System.Globalization;
using BatchCycle.Cycle;

namespace BatchCycle.Samples;

/// <summary>What the screening must conclude for one generated application (a row of the expected-outcomes file).</summary>
public sealed record ExpectedOutcome(string ApplicationId, LabelType LabelType, bool Renewal, IReadOnlyList<string> NotMet, IReadOnlyList<string> Unknown, string Scenario)
{
    public static IReadOnlyList<string> Header { get; } = ["ApplicationId", "LabelType", "Kind", "Outcome", "NotMet", "Unknown", "Scenario"];

    /// <summary>docs/criteria.md "Outcomes": any not met → Ineligible; else any unknown → NeedsReview; else Eligible.</summary>
    public string Outcome => NotMet.Count > 0 ? "Ineligible" : Unknown.Count > 0 ? "NeedsReview" : "Eligible";

    public IReadOnlyList<string?> Fields() =>
        [ApplicationId, LabelType.ToString(), Renewal ? "Renewal" : "New", Outcome, string.Join(';', NotMet), string.Join(';', Unknown), Scenario];
}

/// <summary>An application as a scenario shapes it before it is written; defaults are those of a sound application.</summary>
public sealed record ApplicationDraft
{
    public required LabelType Type { get; init; }

    public required bool Renewal { get; init; }

    public required SampleCompany Applicant { get; init; }

    public string? RegistrationPlace { get; init; } = "HK";

    public required string? RegistrationNo { get; init; }

    public string? ProviderId { get; init; }

    public SampleFactory? Factory { get; init; }

    public string? Relationship { get; init; }

    public decimal? StakeInFactoryPct { get; init; }

    public decimal? StakeInApplicantPct { get; init; }

    public bool? HolderIsHkResident { get; init; }

    public string? SiteCheck { get; init; }

    public bool? DeclarationSigned { get; init; }

    public required DateOnly SubmittedOn { get; init; }
}

/// <summary>
/// The records one scenario instance produced, kind by kind, and what it expects. Rows are cell arrays in the
/// column order of <see cref="InputSchemas"/>.
/// </summary>
public sealed class CaseRecords
{
    private readonly List<object?[]>[] rows = [.. Enum.GetValues<SampleKind>().Select(_ => new List<object?[]>())];

    public List<ExpectedOutcome> Expected { get; } = [];

    public IReadOnlyList<object?[]> Rows(SampleKind kind) => rows[(int)kind];

    internal void Add(SampleKind kind, object?[] row) => rows[(int)kind].Add(row);
}

/// <summary>
/// Everything a scenario needs to tell its story: the calendar (all dates are relative to it, so a 2027 cycle is
/// made the same way), a seeded random source, and helpers that write one record each and return its key.
/// </summary>
public sealed class CaseBuilder
{
    private readonly SampleCounters counters;
    private readonly int backgroundProviders;
    private CaseRecords records = new();
    private string scenario = "";

    internal CaseBuilder(CycleCalendar calendar, SampleCounters counters, int backgroundProviders)
    {
        Calendar = calendar;
        this.counters = counters;
        this.backgroundProviders = backgroundProviders;
        Random = new Random(0);
    }

    public CycleCalendar Calendar { get; }

    public Random Random { get; private set; }

    internal CaseRecords Start(string scenarioName, int seed)
    {
        scenario = scenarioName;
        Random = new Random(seed);
        records = new CaseRecords();
        return records;
    }

    // ---- the calendar, as scenarios speak of it ----

    public DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(Random.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>A day inside the application window [Opens, Closes] (guide 1.4).</summary>
    public DateOnly InApplicationWindow() => Between(Calendar.Opens, Calendar.Closes);

    /// <inheritdoc cref="SampleDays.AwardDay"/>
    public DateOnly AwardDay(int yearsBack) => SampleDays.AwardDay(Calendar, yearsBack);

    /// <inheritdoc cref="SampleDays.TechnicalAwardDay"/>
    public DateOnly TechnicalAwardDay(int yearsBack) => SampleDays.TechnicalAwardDay(Calendar, yearsBack);

    // ---- identities ----

    public SampleCompany HongKongCompany() => SampleIdentities.HongKongCompany(counters.Company++);

    public SampleFactory GuangdongFactory() => SampleIdentities.GuangdongFactory(counters.Factory++);

    public SampleFactory HongKongFactory(SampleCompany owner) => SampleIdentities.HongKongFactory(owner, counters.Factory++);

    /// <summary>A mainland company registered by its USCC (a Supply Chain applicant may be registered anywhere, guide 2.3).</summary>
    public SampleCompany MainlandCompany()
    {
        var registered = GuangdongFactory();
        var contact = HongKongCompany();
        return contact with { BrNo = registered.Id, Name = registered.Name, NameEn = "" };
    }

    /// <summary>A provider with no application of its own, who carries out the projects of manufacturing scenarios.</summary>
    public string BackgroundProvider() => FillerRecords.ProviderId(Random.Next(backgroundProviders));

    // ---- applications ----

    public ApplicationDraft Manufacturing(LabelType type, bool renewal, SampleCompany applicant, SampleFactory factory) => new()
    {
        Type = type,
        Renewal = renewal,
        Applicant = applicant,
        RegistrationNo = Random.Next(4) == 0 ? BrCertificateNumber(applicant.BrNo) : applicant.BrNo,
        Factory = factory,
        Relationship = factory.City == "Hong Kong" ? "ii" : "abc"[Random.Next(3)].ToString(),
        DeclarationSigned = true,
        SubmittedOn = InApplicationWindow(),
    };

    public ApplicationDraft SupplyChain(bool renewal, SampleCompany applicant) => new()
    {
        Type = LabelType.S,
        Renewal = renewal,
        Applicant = applicant,
        RegistrationNo = applicant.BrNo,
        SubmittedOn = InApplicationWindow(),
    };

    public ApplicationDraft TechnicalService(bool renewal, SampleCompany applicant, string providerId) => new()
    {
        Type = LabelType.T,
        Renewal = renewal,
        Applicant = applicant,
        RegistrationNo = applicant.BrNo,
        ProviderId = providerId,
        SubmittedOn = InApplicationWindow(),
    };

    /// <summary>Writes the application and its expectation; <paramref name="notMet"/> and <paramref name="unknown"/> are top-level requirement ids.</summary>
    public string Submit(ApplicationDraft draft, string[]? notMet = null, string[]? unknown = null)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"CPP{Calendar.Year}-{draft.Type}-{++counters.Applications[(int)draft.Type]:00000}");
        var a = draft.Applicant;
        var f = draft.Factory;
        records.Add(SampleKind.Applications,
        [
            id, draft.Type.ToString(), draft.Renewal ? SampleChoices.Renewal : SampleChoices.New, a.Name, a.NameEn,
            draft.RegistrationPlace, draft.RegistrationNo, draft.ProviderId, f?.Id, f?.Name, f?.Address, f?.City,
            draft.Relationship, draft.StakeInFactoryPct, draft.StakeInApplicantPct, draft.HolderIsHkResident,
            draft.SiteCheck, draft.DeclarationSigned, a.ContactName, a.ContactEmail, draft.SubmittedOn,
        ]);
        records.Expected.Add(new ExpectedOutcome(id, draft.Type, draft.Renewal, RequirementOrder.Sort(notMet), RequirementOrder.Sort(unknown), scenario));
        return id;
    }

    /// <summary>The full BR certificate number, of which docs/inputs.md takes the first 8 digits.</summary>
    private string BrCertificateNumber(string br) =>
        string.Create(CultureInfo.InvariantCulture, $"{br}-000-{Random.Next(1, 13):00}-{Calendar.Year % 100:00}-{(char)('A' + Random.Next(26))}");

    // ---- supporting records ----

    public string Project(SampleFactory factory, Choice type, string status, DateOnly? approvedOn, DateOnly? completedOn,
        string? providerId = null, string? recommendedBy = null, int? previouslyDeclaredIn = null)
    {
        var abbreviation = type == SampleChoices.OnSiteAssessment ? "OA" : type == SampleChoices.DemonstrationProject ? "DP" : "VF";
        var year = (approvedOn ?? Calendar.Opens).Year % 100;
        var reference = string.Create(CultureInfo.InvariantCulture, $"{abbreviation}{year:00}-{++counters.Project:00000}");
        var grant = type == SampleChoices.DemonstrationProject ? Random.Next(200, 1001) * 1000m : Random.Next(20, 61) * 1000m;
        records.Add(SampleKind.FundedProjects,
        [
            reference, type, factory.Id, factory.Name, providerId ?? BackgroundProvider(), recommendedBy, status,
            approvedOn, completedOn, grant, previouslyDeclaredIn,
        ]);
        return reference;
    }

    /// <summary>A completed project of <paramref name="type"/>: approved two to three years before the cycle opens, completed within a year.</summary>
    public string CompletedProject(SampleFactory factory, Choice type, string? providerId = null, int? previouslyDeclaredIn = null)
    {
        var approved = Between(Calendar.Opens.AddYears(-3), Calendar.Opens.AddYears(-2));
        return Project(factory, type, "Completed", approved, approved.AddDays(Random.Next(150, 330)), providerId, previouslyDeclaredIn: previouslyDeclaredIn);
    }

    public void Option(string projectRef, int number, Choice cost, string description, bool? reducesVocOrNox, Choice status, DateOnly? completedOn, int? previouslyDeclaredIn = null) =>
        records.Add(SampleKind.ImprovementOptions,
        [
            projectRef, number.ToString(CultureInfo.InvariantCulture), cost, description, reducesVocOrNox, status, completedOn, previouslyDeclaredIn,
        ]);

    public void Violation(string? entityId, string entityName, string city, DateOnly? violationDate, DateOnly? penaltyDate)
    {
        var number = ++counters.Case;
        var (authority, caseRef, law, penalty) = SampleViolations.Describe(city, (violationDate ?? penaltyDate ?? Calendar.Opens).Year, number);
        records.Add(SampleKind.Violations, [caseRef, authority, entityId, entityName, violationDate, penaltyDate, law, penalty]);
    }

    public string Label(LabelType type, SampleCompany holder, SampleFactory? factory, string? providerId, DateOnly awardedOn, string route,
        bool revoked = false, bool withEmail = true, bool writeExpiry = true)
    {
        var key = awardedOn.Year * 4 + (int)type;
        counters.LabelSerials.TryGetValue(key, out var count);
        counters.LabelSerials[key] = count + 1;
        var serial = string.Create(CultureInfo.InvariantCulture, $"{awardedOn.Year}-{type}-{2 * count + 1:0000}");
        records.Add(SampleKind.RegisterLabels,
        [
            serial, type.ToString(), holder.Name, holder.BrNo, factory?.Id, providerId, awardedOn,
            writeExpiry ? LabelTypes.ExpiresOn(type, awardedOn) : null, route, revoked,
            withEmail ? holder.ContactEmail : null, holder.ContactName,
        ]);
        return serial;
    }

    public void Title(SampleFactory factory, Choice type, DateOnly issuedOn, DateOnly? validUntil)
    {
        var number = ++counters.Title;
        var prefix = type == SampleChoices.MunicipalCpAudit ? "清审验" : type == SampleChoices.MunicipalCpEnterprise ? "市清企" : type == SampleChoices.ProvincialCpEnterprise ? "粤清企" : null;
        var certificate = prefix is null
            ? string.Create(CultureInfo.InvariantCulture, $"GF{issuedOn.Year}-{number:00000}")
            : string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{issuedOn.Year}〕{number:00000}号");
        records.Add(SampleKind.Titles, [factory.Id, factory.Name, type, certificate, issuedOn, validUntil]);
    }

    /// <summary>Registers a technical service provider of its own (not one of the background providers).</summary>
    public string Provider(bool delisted = false)
    {
        var number = ++counters.Provider;
        var id = string.Create(CultureInfo.InvariantCulture, $"ETS-{number:00000}");
        var registered = Between(Calendar.LookbackStart.AddYears(-3), Calendar.LookbackStart);
        records.Add(SampleKind.ServiceProviders,
        [
            id, SampleIdentities.ProviderName(number), delisted ? "Delisted" : "Registered", registered,
            delisted ? Calendar.Opens.AddDays(-Random.Next(60, 200)) : null,
        ]);
        return id;
    }

    public void Complaint(string providerId, DateOnly receivedOn, string kind, bool? substantiated) =>
        records.Add(SampleKind.Complaints,
        [
            providerId, receivedOn, kind, substantiated,
            string.Create(CultureInfo.InvariantCulture, $"CMP-{receivedOn.Year}-{++counters.Complaint:00000}"),
        ]);

    public void Procurement(string applicationId, SampleFactory supplier, DateOnly from, DateOnly? to) =>
        records.Add(SampleKind.Procurement, [applicationId, supplier.Id, supplier.Name, from, to]);

    public void Decision(string applicationId, Choice decision, string remarks) =>
        records.Add(SampleKind.PanelDecisions, [applicationId, decision, remarks]);
}

/// <summary>The counters of one generation pass; every pass starts from zero, so every pass sees the same identities.</summary>
internal sealed class SampleCounters
{
    public int Company { get; set; }

    public int Factory { get; set; }

    public int Project { get; set; }

    public int Case { get; set; }

    public int Title { get; set; }

    public int Provider { get; set; }

    public int Complaint { get; set; }

    public int[] Applications { get; } = new int[4];

    public Dictionary<int, int> LabelSerials { get; } = [];
}

/// <summary>The order requirement ids are listed in (docs/criteria.md order), so expected files compare as text.</summary>
public static class RequirementOrder
{
    private static readonly string[] Order =
    [
        "1.4", "DUP", "REN", "2.1", "2.2", "2.3", "2.4",
        "4.1-I", "4.1-II", "5.2-I", "5.2-II", "4.2-I", "4.2-II", "5.3-I", "5.3-II", "4.3", "5.4",
        "4.4-1", "4.4-2", "5.5-1", "5.5-2",
    ];

    public static IReadOnlyList<string> Sort(string[]? ids) => ids is null ? [] : [.. ids.OrderBy(Position)];

    /// <summary>An id outside docs/criteria.md is a mistake in a scenario, not data.</summary>
    private static int Position(string id)
    {
        var position = Array.IndexOf(Order, id);
        return position >= 0 ? position : throw new ArgumentException($"'{id}' is not a top-level requirement id of docs/criteria.md.", nameof(id));
    }
}
