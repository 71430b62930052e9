using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// Manufacturing Outstanding Partner (E): guide 2.2, 4.2 (new) and 5.3 (renewal). <see cref="Clauses"/> is the
/// label's clause table of docs/criteria.md ("Manufacturing Outstanding Partner — E"), in the order of the result lines.
/// </summary>
public static class OutstandingPartnerRules
{
    private static readonly TitleType[] ProvincialTitles = [TitleType.ProvincialCpEnterprise, TitleType.GreenFactoryMiit, TitleType.GreenFactoryProvincial];

    public static IReadOnlyList<Clause> Clauses { get; } =
    [
        Clause.Of("2.2", ClauseScope.Always, (id, c) => CommonRequirements.HongKongCompanyAndFactory(id, c.Application)),
        Clause.AnyOf(
            "4.2-I",
            ClauseScope.New,
            ("4.2-I-1", PriorLabelsAndThisYearsM),
            ("4.2-I-2", (id, c) => ManufacturingPartnerRules.DemonstrationProjects(id, 3, c)),
            ("4.2-I-3", (id, c) => ManufacturingPartnerRules.TitleValidOn(id, ProvincialTitles, c, c.Calendar.ReferenceDate))),
        Clause.Of("4.2-II", ClauseScope.New, (id, c) => CommonRequirements.Compliance(id, c.Application, c.Index, c.Calendar.ComplianceStart, "ComplianceStart")),
        Clause.AnyOf(
            "5.3-I",
            ClauseScope.RenewalOfLabel,
            ("5.3-I-1", ManufacturingPartnerRules.CostOptionsSinceAward),
            ("5.3-I-2", (id, c) => ManufacturingPartnerRules.TitleValidWithin(id, ProvincialTitles, c, c.Renewed!.AwardedOn, c.Calendar.ReferenceDate, "ValidityStart"))),
        Clause.Of("5.3-II", ClauseScope.RenewalOfLabel, (id, c) => CommonRequirements.Compliance(id, c.Application, c.Index, c.Renewed!.AwardedOn, "ValidityStart")),
    ];

    /// <summary>
    /// Guide 4.2 I (1): the M label twice in the look-back window, and this year's M requirement met — as a
    /// renewal (5.2 I) when the factory holds an M label expiring this year, otherwise as a new applicant (4.1 I).
    /// Revoked labels do not count as awards.
    /// </summary>
    private static RequirementResult PriorLabelsAndThisYearsM(string id, ClauseCase @case)
    {
        var (application, _, index, calendar) = @case;
        if (EntityName.IdKey(application.FactoryId) is not { } factory)
        {
            return Line.Unknown(id, Line.Say("Labels.NoFactoryId"));
        }

        var mLabels = index.LabelsOfFactory(factory).Where(l => l.LabelType == LabelType.M && !l.Revoked).ToList();
        var awards = mLabels
            .Where(l => CycleCalendar.Within(l.AwardedOn, calendar.LookbackStart, calendar.ReferenceDate))
            .OrderBy(l => l.AwardedOn)
            .ThenBy(l => l.Serial, StringComparer.Ordinal)
            .ToList();
        var serials = awards.Select(l => l.Serial).ToList();
        var times = Line.Count(awards.Count, "Noun.Time");
        var awardText = awards.Count > 0
            ? Line.Say("PriorLabels.Awarded", times, calendar.LookbackStart, Line.Refs(awards.Select(l => Line.Say("PriorLabels.Award", l.Serial, l.AwardedOn))))
            : Line.Say("PriorLabels.NoneAwarded", times, calendar.LookbackStart);
        if (awards.Count < 2)
        {
            return Line.NotMet(id, Line.Say("PriorLabels.TwiceNeeded", awardText), serials);
        }

        var expiring = mLabels
            .Where(l => calendar.ExpiresThisYear(l.ExpiresOn))
            .OrderByDescending(l => l.AwardedOn)
            .ThenBy(l => l.Serial, StringComparer.Ordinal)
            .FirstOrDefault();
        var m = expiring is null
            ? Clause.In(ManufacturingPartnerRules.Clauses, "4.1-I").Lines(@case)[0]
            : Clause.In(ManufacturingPartnerRules.Clauses, "5.2-I").Lines(@case with { Renewed = expiring })[0];
        var how = expiring is null ? Line.Say("PriorLabels.AsNew") : Line.Say("PriorLabels.AsRenewal", expiring.Serial);
        return Line.Of(
            id,
            m.Result,
            Line.Say("PriorLabels.ThisYear", awardText, how, m.Requirement, m.Result, m.Reason),
            [.. serials, .. m.Evidence.Where(e => !serials.Contains(e))]);
    }
}
