using System.Collections.Concurrent;
using BatchCycle.Cycle;
using BatchCycle.Import;

namespace BatchCycle.Screening;

/// <summary>
/// Every look-up the rules make, built once per screening so that each application costs a few dictionary
/// reads, never a scan of the whole cycle: a cycle may hold a million projects and a hundred thousand
/// applications. Identifier keys go through <see cref="EntityName.IdKey"/>, names through
/// <see cref="EntityName.Normalise"/>.
/// </summary>
public sealed class CycleIndex
{
    private readonly Dictionary<string, List<FundedProject>> projectsByFactory;
    private readonly Dictionary<string, List<FundedProject>> projectsByProvider;
    private readonly Dictionary<string, List<FundedProject>> projectsByRecommender;
    private readonly Dictionary<string, FundedProject> projectsByRef;
    private readonly Dictionary<string, List<ImprovementOption>> optionsByProject;
    private readonly Dictionary<string, List<Violation>> violationsById;
    private readonly Dictionary<string, List<Violation>> unidentifiedViolationsByName;
    private readonly Dictionary<string, List<Title>> titlesByFactory;
    private readonly Dictionary<string, List<Title>> titlesByName;
    private readonly Dictionary<string, List<RegisterLabel>> labelsByFactory;
    private readonly Dictionary<string, List<RegisterLabel>> labelsByHolder;
    private readonly Dictionary<string, List<RegisterLabel>> labelsByProvider;
    private readonly Dictionary<string, ServiceProvider> providersById;
    private readonly Dictionary<string, List<Complaint>> complaintsByProvider;
    private readonly Dictionary<string, List<ProcurementDeclaration>> procurementByApplication;
    private readonly Dictionary<(LabelType, string), List<Application>> applicationsByApplicant;
    private readonly Dictionary<string, RegisterLabel> declaredBySystem;
    private readonly ConcurrentDictionary<string, string?> nameKeys = new(StringComparer.Ordinal);

    /// <param name="data">What the run imported, including the label register spreadsheet.</param>
    /// <param name="systemLabels">Labels this system issued in earlier cycles; their evidence is spent (footnote 6).</param>
    public CycleIndex(CycleData data, IReadOnlyList<RegisterLabel> systemLabels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(systemLabels);

        projectsByFactory = Group(data.FundedProjects, p => EntityName.IdKey(p.FactoryId));
        projectsByProvider = Group(data.FundedProjects, p => EntityName.IdKey(p.ProviderId));
        projectsByRecommender = Group(data.FundedProjects, p => EntityName.IdKey(p.RecommendedBy));
        optionsByProject = Group(data.ImprovementOptions, o => o.ProjectRef);
        violationsById = Group(data.Violations, v => EntityName.IdKey(v.EntityId));

        // Only a record without an identifier is matched by name: one with an identifier names its own entity.
        unidentifiedViolationsByName = Group(
            data.Violations.Where(v => EntityName.IdKey(v.EntityId) is null),
            v => NameKey(v.EntityName));
        titlesByFactory = Group(data.Titles, t => EntityName.IdKey(t.FactoryId));
        titlesByName = Group(data.Titles, t => NameKey(t.FactoryName));

        // A label the system issued may also appear in an imported register; the system's copy carries the evidence.
        var labels = new Dictionary<string, RegisterLabel>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in data.RegisterLabels)
        {
            labels.TryAdd(label.Serial, label);
        }

        foreach (var label in systemLabels)
        {
            labels[label.Serial] = label;
        }

        Labels = [.. labels.Values.OrderBy(l => l.Serial, StringComparer.Ordinal)];
        labelsByFactory = Group(Labels, l => EntityName.IdKey(l.FactoryId));
        labelsByHolder = Group(Labels, l => EntityName.IdKey(l.HolderRegistrationNo));
        labelsByProvider = Group(Labels, l => EntityName.IdKey(l.ProviderId));

        declaredBySystem = new Dictionary<string, RegisterLabel>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in systemLabels.Where(l => l.Source is null))
        {
            foreach (var reference in label.EvidenceRefs)
            {
                declaredBySystem.TryAdd(reference.Trim(), label);
            }
        }

        // Only projects named as evidence of an earlier award are ever looked up by reference (S renewals).
        projectsByRef = new Dictionary<string, FundedProject>(StringComparer.OrdinalIgnoreCase);
        foreach (var project in data.FundedProjects)
        {
            if (declaredBySystem.ContainsKey(project.ProjectRef))
            {
                projectsByRef.TryAdd(project.ProjectRef, project);
            }
        }

        providersById = new Dictionary<string, ServiceProvider>(StringComparer.Ordinal);
        foreach (var provider in data.ServiceProviders)
        {
            if (EntityName.IdKey(provider.ProviderId) is { } key)
            {
                providersById.TryAdd(key, provider);
            }
        }

        complaintsByProvider = Group(data.Complaints, c => EntityName.IdKey(c.ProviderId));
        procurementByApplication = Group(data.Procurements, p => p.ApplicationId, StringComparer.OrdinalIgnoreCase);

        applicationsByApplicant = [];
        foreach (var application in data.Applications)
        {
            if (ApplicantKey(application) is { } key)
            {
                if (!applicationsByApplicant.TryGetValue((application.LabelType, key), out var list))
                {
                    applicationsByApplicant[(application.LabelType, key)] = list = [];
                }

                list.Add(application);
            }
        }
    }

    /// <summary>The register: imported labels and those the system issued, one per serial.</summary>
    public IReadOnlyList<RegisterLabel> Labels { get; }

    /// <summary>
    /// Who an application is for (CRITERIA.md, identity): the factory for M and E, the registration number
    /// for S, the provider id for T. Null when the application does not give it.
    /// </summary>
    public static string? ApplicantKey(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.LabelType switch
        {
            LabelType.M or LabelType.E => EntityName.IdKey(application.FactoryId),
            LabelType.S => EntityName.IdKey(application.RegistrationNo),
            LabelType.T => EntityName.IdKey(application.ProviderId),
            _ => throw new ArgumentOutOfRangeException(nameof(application), application.LabelType, "Unknown label type."),
        };
    }

    /// <summary>The column the applicant key comes from, for notes.</summary>
    public static string ApplicantKeyColumn(LabelType type) => type switch
    {
        LabelType.M or LabelType.E => "FactoryId",
        LabelType.S => "RegistrationNo",
        _ => "ProviderId",
    };

    public IReadOnlyList<FundedProject> ProjectsOfFactory(string factoryKey) => Get(projectsByFactory, factoryKey);

    public IReadOnlyList<FundedProject> ProjectsOfProvider(string providerKey) => Get(projectsByProvider, providerKey);

    public IReadOnlyList<FundedProject> ProjectsRecommendedBy(string registrationKey) => Get(projectsByRecommender, registrationKey);

    /// <summary>A project named in the evidence of a label the system issued; null for any other reference.</summary>
    public FundedProject? EvidenceProject(string projectRef) => projectsByRef.GetValueOrDefault(projectRef.Trim());

    public IReadOnlyList<ImprovementOption> OptionsOf(string projectRef) => Get(optionsByProject, projectRef);

    public IReadOnlyList<Violation> ViolationsOf(string entityKey) => Get(violationsById, entityKey);

    /// <summary>Violation records without an identifier whose normalised entity name is <paramref name="nameKey"/>.</summary>
    public IReadOnlyList<Violation> UnidentifiedViolationsNamed(string nameKey) => Get(unidentifiedViolationsByName, nameKey);

    public IReadOnlyList<Title> TitlesOf(string factoryKey) => Get(titlesByFactory, factoryKey);

    public IReadOnlyList<Title> TitlesNamed(string nameKey) => Get(titlesByName, nameKey);

    public IReadOnlyList<RegisterLabel> LabelsOfFactory(string factoryKey) => Get(labelsByFactory, factoryKey);

    public IReadOnlyList<RegisterLabel> LabelsOfHolder(string registrationKey) => Get(labelsByHolder, registrationKey);

    public IReadOnlyList<RegisterLabel> LabelsOfProvider(string providerKey) => Get(labelsByProvider, providerKey);

    public ServiceProvider? Provider(string providerKey) => providersById.GetValueOrDefault(providerKey);

    public IReadOnlyList<Complaint> ComplaintsAbout(string providerKey) => Get(complaintsByProvider, providerKey);

    public IReadOnlyList<ProcurementDeclaration> ProcurementOf(string applicationId) => Get(procurementByApplication, applicationId);

    /// <summary>Applications of the cycle for the same label type and the same factory or applicant (DUP).</summary>
    public IReadOnlyList<Application> ApplicationsFor(LabelType type, string applicantKey) =>
        applicationsByApplicant.TryGetValue((type, applicantKey), out var list) ? list : [];

    /// <summary>
    /// The labels of the same type held by the factory (M, E) or applicant (S, T) of an application.
    /// </summary>
    public IReadOnlyList<RegisterLabel> LabelsHeldBy(Application application, string applicantKey)
    {
        ArgumentNullException.ThrowIfNull(application);
        var held = application.LabelType switch
        {
            LabelType.M or LabelType.E => LabelsOfFactory(applicantKey),
            LabelType.S => LabelsOfHolder(applicantKey),
            _ => LabelsOfProvider(applicantKey),
        };
        return [.. held.Where(l => l.LabelType == application.LabelType)];
    }

    /// <summary>
    /// Footnotes 6 and 11: why a piece of evidence (a project ref, or <c>ProjectRef/OptionNo</c>) cannot be
    /// counted again, or null when it is fresh.
    /// </summary>
    public string? AlreadyDeclared(string evidenceRef, int? previouslyDeclaredIn)
    {
        if (previouslyDeclaredIn is { } year)
        {
            return $"{evidenceRef} not counted: already declared in {year} (footnote 6)";
        }

        return declaredBySystem.TryGetValue(evidenceRef, out var label)
            ? $"{evidenceRef} not counted: already evidence of label {label.Serial} (footnote 6)"
            : null;
    }

    /// <summary>
    /// <see cref="NameKey"/> remembered for the screening: the rules of one application compare the same factory
    /// and applicant names several times, and normalising a Chinese name is the dearest step of a look-up.
    /// </summary>
    public string? NameKeyOf(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : nameKeys.GetOrAdd(name, NameKey);

    public static string? NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = EntityName.Normalise(name);
        return key.Length == 0 ? null : key;
    }

    private static IReadOnlyList<T> Get<T>(Dictionary<string, List<T>> index, string key) =>
        index.TryGetValue(key, out var list) ? list : [];

    private static Dictionary<string, List<T>> Group<T>(IEnumerable<T> items, Func<T, string?> key, IEqualityComparer<string>? comparer = null)
    {
        var groups = new Dictionary<string, List<T>>(comparer ?? StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (key(item) is not { } k)
            {
                continue;
            }

            if (!groups.TryGetValue(k, out var list))
            {
                groups[k] = list = [];
            }

            list.Add(item);
        }

        return groups;
    }
}
