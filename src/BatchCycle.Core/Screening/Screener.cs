using BatchCycle.Cycle;
using BatchCycle.Import;

namespace BatchCycle.Screening;

/// <summary>
/// Screens every application of a cycle against docs/criteria.md: the common requirements, then the rules of its
/// label type. The look-ups are built once (<see cref="CycleIndex"/>), so the cost grows with the number of
/// applications and the evidence each one has, not with the size of the whole cycle.
/// </summary>
public static class Screener
{
    /// <param name="data">What the run imported.</param>
    /// <param name="systemLabels">Labels issued by this system in earlier cycles (Source null, with EvidenceRefs).</param>
    /// <param name="calendar">The cycle's dates; every window comes from here.</param>
    /// <returns>One screening per application, ordered by application id (ordinal).</returns>
    public static IReadOnlyList<ApplicationScreening> Screen(CycleData data, IReadOnlyList<RegisterLabel> systemLabels, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(calendar);
        var index = new CycleIndex(data, systemLabels);
        var applications = data.Applications.OrderBy(a => a.ApplicationId, StringComparer.Ordinal).ToArray();
        var screenings = new ApplicationScreening[applications.Length];

        // Each application reads the shared index only, so they can be screened side by side; the array keeps the order.
        Parallel.For(0, applications.Length, i => screenings[i] = Screen(applications[i], index, calendar));
        return screenings;
    }

    public static ApplicationScreening Screen(Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(calendar);
        var lines = new List<RequirementResult>
        {
            CommonRequirements.Submission(application, calendar),
            CommonRequirements.Duplicate(application, index),
        };
        RegisterLabel? renewed = null;
        if (application.Kind == ApplicationKind.Renewal)
        {
            (var line, renewed) = CommonRequirements.Renewal(application, index, calendar);
            lines.Add(line);
        }

        var clauses = application.LabelType switch
        {
            LabelType.M => ManufacturingPartnerRules.Clauses,
            LabelType.E => OutstandingPartnerRules.Clauses,
            LabelType.S => SupplyChainPartnerRules.Clauses,
            LabelType.T => TechnicalServicePartnerRules.Clauses,
            _ => throw new ArgumentOutOfRangeException(nameof(application), application.LabelType, "Unknown label type."),
        };
        lines.AddRange(Clause.Screen(clauses, new ClauseCase(application, renewed, index, calendar)));
        return new ApplicationScreening(application, [.. lines.Select(index.WithSharedNote)]);
    }
}
