namespace BatchCycle.Import;

/// <summary>Everything one run imported, as the screening and later stages read it.</summary>
public sealed record CycleData(
    IReadOnlyList<Application> Applications,
    IReadOnlyList<FundedProject> FundedProjects,
    IReadOnlyList<ImprovementOption> ImprovementOptions,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<RegisterLabel> RegisterLabels,
    IReadOnlyList<Title> Titles,
    IReadOnlyList<ServiceProvider> ServiceProviders,
    IReadOnlyList<Complaint> Complaints,
    IReadOnlyList<ProcurementDeclaration> Procurements,
    IReadOnlyList<PanelDecision> PanelDecisions)
{
    public static CycleData Empty { get; } = new([], [], [], [], [], [], [], [], [], []);
}
