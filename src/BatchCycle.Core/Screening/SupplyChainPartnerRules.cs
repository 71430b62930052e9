using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// Supply Chain Partner (S): guide 2.3, 4.3 (new) and 5.4 (renewal). <see cref="Clauses"/> is the label's clause
/// table of docs/criteria.md ("Supply Chain Partner — S"), in the order of the result lines. The guide sets no
/// compliance requirement for S, so there is none here.
/// </summary>
public static class SupplyChainPartnerRules
{
    private static readonly TitleType[] SupplierTitles = [TitleType.ProvincialCpEnterprise, TitleType.GreenFactoryMiit];

    public static IReadOnlyList<Clause> Clauses { get; } =
    [
        Clause.Of("2.3", ClauseScope.Always, (id, c) => Registration(id, c.Application)),
        Clause.AnyOf(
            "4.3",
            ClauseScope.New,
            ("4.3-1", (id, c) => Recommendations(id, c, c.Calendar.LookbackStart, "LookbackStart")),
            ("4.3-2", (id, c) => Procurement(id, c, c.Calendar.LookbackStart, "LookbackStart"))),
        Clause.AnyOf(
            "5.4",
            ClauseScope.RenewalOfLabel,
            ("5.4-1", (id, c) => Recommendations(id, c, c.Renewed!.AwardedOn, "ValidityStart")),
            ("5.4-2", (id, c) => Procurement(id, c, c.Renewed!.AwardedOn, "ValidityStart"))),
    ];

    /// <summary>Guide 2.3: a business registration in Hong Kong, the mainland or overseas, with its number.</summary>
    private static RequirementResult Registration(string id, Application application)
    {
        var missing = new List<object>();
        if (application.RegistrationPlace is null)
        {
            missing.Add(Line.Say("Field.RegistrationPlace"));
        }

        if (string.IsNullOrWhiteSpace(application.RegistrationNo))
        {
            missing.Add(Line.Say("Field.RegistrationNo"));
        }

        if (missing.Count > 0)
        {
            return Line.Unknown(id, Line.Say("Registration.Missing", Line.List(missing)));
        }

        if (application.RegistrationPlace == RegistrationPlace.HK && !EntityName.IsBrNumber(application.RegistrationNo))
        {
            return Line.NotMet(id, Line.Say("Company.NotBr", application.RegistrationNo!), [application.RegistrationNo!]);
        }

        return Line.Met(id, Line.Say("Registration.Given", application.RegistrationPlace!.Value, application.RegistrationNo!), [application.RegistrationNo!]);
    }

    /// <summary>
    /// Guide 4.3 (1) / 5.4 (1): at least three distinct factories the applicant recommended whose funded projects
    /// were approved in the window. The Programme funds Hong Kong-owned factories only, so a funded project
    /// stands for a Hong Kong-owned factory. For a renewal, the factories counted for the label being renewed
    /// are those of the projects in its evidence (labels the system issued) and of this applicant's projects
    /// already declared in an earlier application (imported labels carry no evidence list).
    /// </summary>
    private static RequirementResult Recommendations(string id, ClauseCase @case, DateOnly from, string fromName)
    {
        var (application, renewed, index, calendar) = @case;
        var to = calendar.ReferenceDate;
        if (EntityName.IdKey(application.RegistrationNo) is not { } applicant)
        {
            return Line.Unknown(id, Line.Say("Recommendations.NoRegistrationNo"));
        }

        var recommended = index.ProjectsRecommendedBy(applicant);
        var earlierFactories = new HashSet<string>(StringComparer.Ordinal);
        if (renewed is not null)
        {
            foreach (var reference in renewed.EvidenceRefs)
            {
                if (index.EvidenceProject(reference) is { } project && EntityName.IdKey(project.FactoryId) is { } key)
                {
                    earlierFactories.Add(key);
                }
            }

            foreach (var project in recommended.Where(p => p.PreviouslyDeclaredIn is not null))
            {
                if (EntityName.IdKey(project.FactoryId) is { } key)
                {
                    earlierFactories.Add(key);
                }
            }
        }

        var factories = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var candidates = recommended
            .Where(p => p.ProjectType != ProjectType.Other
                && p.Status is not (ProjectStatus.Withdrawn or ProjectStatus.Rejected)
                && p.ApprovedOn is { } approved && CycleCalendar.Within(approved, from, to))
            .OrderBy(p => p.ProjectRef, StringComparer.Ordinal);
        var (counted, notes) = Footnote6.Count(index, candidates, p => p.ProjectRef, p => p.PreviouslyDeclaredIn, excludedAfter: p =>
            earlierFactories.Contains(EntityName.IdKey(p.FactoryId)!) ? Line.Say("Recommendations.CountedBefore", p.ProjectRef, p.FactoryId ?? "", renewed!.Serial) : null);
        foreach (var project in counted)
        {
            var factory = EntityName.IdKey(project.FactoryId)!;
            if (!factories.TryGetValue(factory, out var refs))
            {
                factories[factory] = refs = [];
            }

            refs.Add(project.ProjectRef);
        }

        var evidence = factories.Values.SelectMany(r => r).ToList();
        var count = Line.Count(factories.Count, "Noun.DistinctFactory");
        var window = Line.NamedWindow(from, to, Line.DateName(fromName));
        var summary = factories.Count > 0
            ? Line.Say("Recommendations.Counted", count, window, Line.Refs(factories.Select(f => Line.Say("Recommendations.Factory", f.Key, Line.Refs(f.Value)))))
            : Line.Say("Recommendations.NoneCounted", count, window);
        return factories.Count >= 3
            ? Line.Met(id, Line.Join([summary, .. notes]), evidence)
            : Line.NotMet(id, Line.Join([Line.Say("Needed", summary, 3), .. notes]), evidence);
    }

    /// <summary>
    /// Guide 4.3 (2) / 5.4 (2): procurement from at least three distinct factories, each holding an M or E
    /// label, a provincial cleaner-production title or a MIIT green-factory title on some day of its procurement
    /// period. Only the part of the period inside the window counts: evidence must fall in the window and be
    /// dated on or before the reference date.
    /// </summary>
    private static RequirementResult Procurement(string id, ClauseCase @case, DateOnly from, string fromName)
    {
        var (application, _, index, calendar) = @case;
        var to = calendar.ReferenceDate;
        var declarations = index.ProcurementOf(application.ApplicationId);
        if (declarations.Count == 0)
        {
            return Line.NotMet(id, Line.Say("Procurement.None"));
        }

        var window = Line.Window(from, to);
        var qualified = new SortedDictionary<string, (Message Text, string Proof)>(StringComparer.Ordinal);
        var notes = new List<Message>();
        foreach (var declaration in declarations)
        {
            var supplier = EntityName.IdKey(declaration.SupplierFactoryId);
            var start = declaration.PeriodFrom > from ? declaration.PeriodFrom : from;
            var end = declaration.PeriodTo is { } periodTo && periodTo < to ? periodTo : to;
            var period = declaration.PeriodTo is { } p ? Line.Window(declaration.PeriodFrom, p) : Line.Say("Procurement.Ongoing", declaration.PeriodFrom);
            if (supplier is null || qualified.ContainsKey(supplier))
            {
                continue;
            }

            if (start > end)
            {
                notes.Add(Line.Say("Procurement.Outside", declaration.SupplierFactoryId, period, window));
                continue;
            }

            if (OutsideHongKongAndGuangdong(declaration.SupplierFactoryId) is { } elsewhere)
            {
                notes.Add(Line.Say("Procurement.NotCounted", declaration.SupplierFactoryId, elsewhere));
                continue;
            }

            if (Qualification(index, supplier, declaration.SupplierFactoryId, start, end) is { } qualification)
            {
                qualified[supplier] = qualification;
            }
            else
            {
                notes.Add(Line.Say("Procurement.Unqualified", declaration.SupplierFactoryId, Line.Window(start, end)));
            }
        }

        var count = Line.Count(qualified.Count, "Noun.QualifyingSupplier");
        var named = Line.NamedWindow(from, to, Line.DateName(fromName));
        var summary = qualified.Count > 0
            ? Line.Say("Procurement.Counted", count, named, Line.Refs(qualified.Values.Select(q => q.Text)))
            : Line.Say("Procurement.NoneCounted", count, named);
        var evidence = qualified.Values.Select(q => q.Proof).ToList();
        return qualified.Count >= 3
            ? Line.Met(id, Line.Join([summary, .. notes]), evidence)
            : Line.NotMet(id, Line.Join([Line.Say("Needed", summary, 3), .. notes]), evidence);
    }

    /// <summary>
    /// What qualifies a supplier on some day of [start, end]: an M or E label, not revoked, or else a title of
    /// <see cref="SupplierTitles"/>; null when it holds neither.
    /// </summary>
    private static (Message Text, string Proof)? Qualification(CycleIndex index, string supplier, string supplierId, DateOnly start, DateOnly end)
    {
        var label = index.LabelsOfFactory(supplier)
            .Where(l => l.LabelType is LabelType.M or LabelType.E && !l.Revoked && l.AwardedOn <= end && l.ExpiresOn >= start)
            .OrderBy(l => l.Serial, StringComparer.Ordinal)
            .FirstOrDefault();
        if (label is not null)
        {
            return (Line.Say("Procurement.Label", supplierId, label.LabelType, label.Serial), label.Serial);
        }

        var title = index.TitlesOf(supplier)
            .Where(t => SupplierTitles.Contains(t.TitleType) && CommonRequirements.ValidWithin(t, start, end))
            .OrderBy(t => t.IssuedOn)
            .FirstOrDefault();
        return title is null ? null : (Line.Say("Procurement.Title", supplierId, title.TitleType, CommonRequirements.Cite(title)), CommonRequirements.Cite(title));
    }

    /// <summary>
    /// Guide 4.3 (2): the suppliers are 港资工厂(香港或广东省地区), Hong Kong-owned factories in Hong Kong or
    /// Guangdong, so only <c>H</c> + BR or a USCC of region code 44 counts. Null when the factory counts, else why not.
    /// </summary>
    private static Messages.Message? OutsideHongKongAndGuangdong(string factoryId)
    {
        var id = factoryId.Trim().ToUpperInvariant();
        if (EntityName.IsHongKongFactoryId(id) || EntityName.IsGuangdongUscc(id))
        {
            return null;
        }

        return EntityName.IsUscc(id)
            ? Line.Say("Procurement.OutsideRegion", id.Substring(2, 2))
            : Line.Say("Procurement.NotHongKongNorGuangdong");
    }
}
