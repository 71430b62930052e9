using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>Manufacturing Outstanding Partner (E): guide 2.2, 4.2 (new) and 5.3 (renewal).</summary>
public static class OutstandingPartnerRules
{
    private static readonly TitleType[] ProvincialTitles = [TitleType.ProvincialCpEnterprise, TitleType.GreenFactoryMiit, TitleType.GreenFactoryProvincial];

    public static IEnumerable<RequirementResult> Screen(Application application, RegisterLabel? renewed, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(calendar);
        var lines = new List<RequirementResult> { CommonRequirements.HongKongCompanyAndFactory("2.2", application) };
        if (application.Kind == ApplicationKind.New)
        {
            lines.AddRange(RouteGroup.Combine("4.2-I",
            [
                PriorLabelsAndThisYearsM("4.2-I-1", application, index, calendar),
                ManufacturingPartnerRules.DemonstrationProjects("4.2-I-2", 3, application, index, calendar),
                ManufacturingPartnerRules.TitleValidOn("4.2-I-3", ProvincialTitles, application, index, calendar.ReferenceDate),
            ]));
            lines.Add(CommonRequirements.Compliance("4.2-II", application, index, calendar.ComplianceStart, "ComplianceStart"));
        }
        else if (renewed is null)
        {
            lines.AddRange(RouteGroup.Combine("5.3-I", [Line.NoLabelBeingRenewed("5.3-I-1", false), Line.NoLabelBeingRenewed("5.3-I-2", false)]));
            lines.Add(Line.NoLabelBeingRenewed("5.3-II", isTopLevel: true));
        }
        else
        {
            lines.AddRange(RouteGroup.Combine("5.3-I",
            [
                ManufacturingPartnerRules.CostOptionsSinceAward("5.3-I-1", application, renewed, index, calendar),
                ManufacturingPartnerRules.TitleValidWithin("5.3-I-2", ProvincialTitles, application, index, renewed.AwardedOn, calendar.ReferenceDate, "ValidityStart"),
            ]));
            lines.Add(CommonRequirements.Compliance("5.3-II", application, index, renewed.AwardedOn, "ValidityStart"));
        }

        return lines;
    }

    /// <summary>
    /// Guide 4.2 I (1): the M label twice in the look-back window, and this year's M requirement met — as a
    /// renewal (5.2 I) when the factory holds an M label expiring this year, otherwise as a new applicant (4.1 I).
    /// Revoked labels do not count as awards.
    /// </summary>
    public static RequirementResult PriorLabelsAndThisYearsM(string id, Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(calendar);
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
            ? ManufacturingPartnerRules.NewRoutes(application, index, calendar)[0]
            : ManufacturingPartnerRules.RenewalRoutes(application, expiring, index, calendar)[0];
        var how = expiring is null ? Line.Say("PriorLabels.AsNew") : Line.Say("PriorLabels.AsRenewal", expiring.Serial);
        return Line.Of(
            id,
            m.Result,
            Line.Say("PriorLabels.ThisYear", awardText, how, m.Requirement, m.Result, m.Reason),
            [.. serials, .. m.Evidence.Where(e => !serials.Contains(e))]);
    }
}
