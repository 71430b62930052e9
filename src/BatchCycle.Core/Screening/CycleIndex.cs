using System.Collections.Concurrent;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// Every look-up the rules make, built once per screening so that each application costs a few dictionary
/// reads, never a scan of the whole cycle: a cycle may hold a million projects and a hundred thousand
/// applications. Identifier keys go through <see cref="EntityName.IdKey"/>, names through
/// <see cref="EntityName.Normalise"/>.
/// </summary>
public sealed class CycleIndex
{
    private readonly Grouping<FundedProject> projectsByFactory;
    private readonly Grouping<FundedProject> projectsByProvider;
    private readonly Grouping<FundedProject> projectsByRecommender;
    private readonly IReadOnlyList<FundedProject> projects;
    private readonly Dictionary<string, int> projectsByRef;
    private readonly Grouping<ImprovementOption> optionsByProject;
    private readonly Grouping<Violation> violationsById;
    private readonly Grouping<Violation> unidentifiedViolationsByName;
    private readonly Grouping<Title> titlesByFactory;
    private readonly Grouping<Title> titlesByName;
    private readonly Grouping<RegisterLabel> labelsByFactory;
    private readonly Grouping<RegisterLabel> labelsByHolder;
    private readonly Grouping<RegisterLabel> labelsByProvider;
    private readonly Dictionary<string, ServiceProvider> providersById;
    private readonly Grouping<Complaint> complaintsByProvider;
    private readonly Grouping<ProcurementDeclaration> procurementByApplication;
    private readonly Dictionary<(LabelType, string), List<Application>> applicationsByApplicant;
    private readonly Dictionary<string, RegisterLabel> declaredBySystem;
    private readonly ConcurrentDictionary<string, string?> nameKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Message, Message> notes = new();

    /// <param name="data">What the run imported, including the label register spreadsheet.</param>
    /// <param name="systemLabels">Labels this system issued in earlier cycles; their evidence is spent (footnote 6).</param>
    public CycleIndex(CycleData data, IReadOnlyList<RegisterLabel> systemLabels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(systemLabels);

        // The options are most of a cycle's records (3 million at 100×): they are grouped on another core while
        // the other look-ups are built here.
        var options = Task.Run(() => new Grouping<ImprovementOption>(data.ImprovementOptions, o => o.ProjectRef));
        projectsByFactory = new(data.FundedProjects, p => EntityName.IdKey(p.FactoryId));
        projectsByProvider = new(data.FundedProjects, p => EntityName.IdKey(p.ProviderId));
        projectsByRecommender = new(data.FundedProjects, p => EntityName.IdKey(p.RecommendedBy));
        violationsById = new(data.Violations, v => EntityName.IdKey(v.EntityId));

        // Only a record without an identifier is matched by name: one with an identifier names its own entity.
        unidentifiedViolationsByName = new(
            data.Violations.Where(v => EntityName.IdKey(v.EntityId) is null),
            v => NameKey(v.EntityName));
        titlesByFactory = new(data.Titles, t => EntityName.IdKey(t.FactoryId));
        titlesByName = new(data.Titles, t => NameKey(t.FactoryName));

        Labels = MergedLabels(data.RegisterLabels, systemLabels);
        labelsByFactory = new(Labels, l => EntityName.IdKey(l.FactoryId));
        labelsByHolder = new(Labels, l => EntityName.IdKey(l.HolderRegistrationNo));
        labelsByProvider = new(Labels, l => EntityName.IdKey(l.ProviderId));

        declaredBySystem = DeclaredBySystem(systemLabels);

        // Only projects named as evidence of an earlier award are ever looked up by reference (S renewals); by
        // their index, as the groupings keep them, rather than a copy of each project.
        projects = data.FundedProjects;
        projectsByRef = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < projects.Count; i++)
        {
            if (declaredBySystem.ContainsKey(projects[i].ProjectRef))
            {
                projectsByRef.TryAdd(projects[i].ProjectRef, i);
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

        complaintsByProvider = new(data.Complaints, c => EntityName.IdKey(c.ProviderId));
        procurementByApplication = new(data.Procurements, p => p.ApplicationId, StringComparer.OrdinalIgnoreCase);

        applicationsByApplicant = ByApplicant(data.Applications);
        optionsByProject = options.GetAwaiter().GetResult();
    }

    /// <summary>A label the system issued may also appear in an imported register; the system's copy carries the evidence.</summary>
    private static List<RegisterLabel> MergedLabels(IEnumerable<RegisterLabel> imported, IEnumerable<RegisterLabel> systemLabels)
    {
        var labels = new Dictionary<string, RegisterLabel>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in imported)
        {
            labels.TryAdd(label.Serial, label);
        }

        foreach (var label in systemLabels)
        {
            labels[label.Serial] = label;
        }

        return [.. labels.Values.OrderBy(l => l.Serial, StringComparer.Ordinal)];
    }

    /// <summary>The evidence of the awards this system recorded, each reference with the label it was spent on (footnote 6).</summary>
    private static Dictionary<string, RegisterLabel> DeclaredBySystem(IEnumerable<RegisterLabel> systemLabels)
    {
        var declared = new Dictionary<string, RegisterLabel>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in systemLabels.Where(l => l.Source is null))
        {
            foreach (var reference in label.EvidenceRefs)
            {
                declared.TryAdd(reference.Trim(), label);
            }
        }

        return declared;
    }

    private static Dictionary<(LabelType, string), List<Application>> ByApplicant(IEnumerable<Application> applications)
    {
        var byApplicant = new Dictionary<(LabelType, string), List<Application>>();
        foreach (var application in applications)
        {
            if (ApplicantKey(application) is { } key)
            {
                if (!byApplicant.TryGetValue((application.LabelType, key), out var list))
                {
                    byApplicant[(application.LabelType, key)] = list = [];
                }

                list.Add(application);
            }
        }

        return byApplicant;
    }

    /// <summary>The register: imported labels and those the system issued, one per serial.</summary>
    public IReadOnlyList<RegisterLabel> Labels { get; }

    /// <summary>
    /// Who an application is for (docs/criteria.md, identity): the factory for M and E, the registration number
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

    public IReadOnlyList<FundedProject> ProjectsOfFactory(string factoryKey) => projectsByFactory[factoryKey];

    public IReadOnlyList<FundedProject> ProjectsOfProvider(string providerKey) => projectsByProvider[providerKey];

    public IReadOnlyList<FundedProject> ProjectsRecommendedBy(string registrationKey) => projectsByRecommender[registrationKey];

    /// <summary>A project named in the evidence of a label the system issued; null for any other reference.</summary>
    public FundedProject? EvidenceProject(string projectRef) =>
        projectsByRef.TryGetValue(projectRef.Trim(), out var i) ? projects[i] : null;

    public IReadOnlyList<ImprovementOption> OptionsOf(string projectRef) => optionsByProject[projectRef];

    public IReadOnlyList<Violation> ViolationsOf(string entityKey) => violationsById[entityKey];

    /// <summary>Violation records without an identifier whose normalised entity name is <paramref name="nameKey"/>.</summary>
    public IReadOnlyList<Violation> UnidentifiedViolationsNamed(string nameKey) => unidentifiedViolationsByName[nameKey];

    public IReadOnlyList<Title> TitlesOf(string factoryKey) => titlesByFactory[factoryKey];

    public IReadOnlyList<Title> TitlesNamed(string nameKey) => titlesByName[nameKey];

    public IReadOnlyList<RegisterLabel> LabelsOfFactory(string factoryKey) => labelsByFactory[factoryKey];

    public IReadOnlyList<RegisterLabel> LabelsOfHolder(string registrationKey) => labelsByHolder[registrationKey];

    public IReadOnlyList<RegisterLabel> LabelsOfProvider(string providerKey) => labelsByProvider[providerKey];

    public ServiceProvider? Provider(string providerKey) => providersById.GetValueOrDefault(providerKey);

    public IReadOnlyList<Complaint> ComplaintsAbout(string providerKey) => complaintsByProvider[providerKey];

    public IReadOnlyList<ProcurementDeclaration> ProcurementOf(string applicationId) => procurementByApplication[applicationId];

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
    public Message? AlreadyDeclared(string evidenceRef, int? previouslyDeclaredIn)
    {
        if (previouslyDeclaredIn is { } year)
        {
            return Message.Of("Declared.InYear", evidenceRef, year);
        }

        return declaredBySystem.TryGetValue(evidenceRef, out var label)
            ? Message.Of("Declared.ByLabel", evidenceRef, label.Serial)
            : null;
    }

    /// <summary>
    /// <see cref="NameKey"/> remembered for the screening: the rules of one application compare the same factory
    /// and applicant names several times, and normalising a Chinese name is the dearest step of a look-up.
    /// </summary>
    public string? NameKeyOf(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : nameKeys.GetOrAdd(name, NameKey);

    /// <summary>
    /// The line with the one copy of its note kept for the screening: a hundred thousand applications repeat the same
    /// notes ("no Programme-funded on-site assessment of this factory"), and the screenings stay in memory for the
    /// panel and the certificates.
    /// </summary>
    public RequirementResult WithSharedNote(RequirementResult line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var note = notes.GetOrAdd(line.Reason, line.Reason);
        return ReferenceEquals(note, line.Reason) ? line : line with { Reason = note };
    }

    public static string? NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = EntityName.Normalise(name);
        return key.Length == 0 ? null : key;
    }
}
