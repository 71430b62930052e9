using BatchCycle.Cycle;
using BatchCycle.Import;

namespace BatchCycle.Screening;

/// <summary>Manufacturing Partner (M): guide 2.1, 4.1 (new) and 5.2 (renewal).</summary>
public static class ManufacturingPartnerRules
{
    private static readonly TitleType[] MunicipalTitles = [TitleType.MunicipalCpAudit, TitleType.MunicipalCpEnterprise];

    public static IEnumerable<RequirementResult> Screen(Application application, RegisterLabel? renewed, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(calendar);
        var lines = new List<RequirementResult> { CommonRequirements.HongKongCompanyAndFactory("2.1", application) };
        if (application.Kind == ApplicationKind.New)
        {
            lines.AddRange(NewRoutes(application, index, calendar));
            lines.Add(CommonRequirements.Compliance("4.1-II", application, index, calendar.ComplianceStart, "ComplianceStart"));
        }
        else
        {
            lines.AddRange(RenewalRoutes(application, renewed, index, calendar));
            lines.Add(renewed is null
                ? Line.NoLabelBeingRenewed("5.2-II", isTopLevel: true)
                : CommonRequirements.Compliance("5.2-II", application, index, renewed.AwardedOn, "ValidityStart"));
        }

        return lines;
    }

    /// <summary>Guide 4.1 I: on-site assessment, two demonstration projects, or a municipal title.</summary>
    public static IReadOnlyList<RequirementResult> NewRoutes(Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return RouteGroup.Combine("4.1-I",
        [
            OnSiteAssessment("4.1-I-1", application, index, calendar),
            DemonstrationProjects("4.1-I-2", 2, application, index, calendar),
            TitleValidOn("4.1-I-3", MunicipalTitles, application, index, calendar.ReferenceDate),
        ]);
    }

    /// <summary>Guide 5.2 I: two more cost options since an on-site-assessment award, or a municipal title.</summary>
    public static IReadOnlyList<RequirementResult> RenewalRoutes(Application application, RegisterLabel? renewed, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (renewed is null)
        {
            return RouteGroup.Combine("5.2-I", [Line.NoLabelBeingRenewed("5.2-I-1", false), Line.NoLabelBeingRenewed("5.2-I-2", false)]);
        }

        return RouteGroup.Combine("5.2-I",
        [
            CostOptionsSinceAward("5.2-I-1", application, renewed, index, calendar),
            TitleValidWithin("5.2-I-2", MunicipalTitles, application, index, renewed.AwardedOn, calendar.ReferenceDate, "ValidityStart"),
        ]);
    }

    /// <summary>
    /// Guide 4.1 I (1) and footnote 3: a funded on-site assessment completed in the look-back window whose
    /// options show every no-cost option done, three cost options done (or two, one cutting VOC or NOx) and a plan
    /// for the rest; and the secretariat's own on-site check passed.
    /// </summary>
    public static RequirementResult OnSiteAssessment(string id, Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(calendar);
        if (EntityName.IdKey(application.FactoryId) is not { } factory)
        {
            return Line.Unknown(id, "no FactoryId on the application, so its projects cannot be found");
        }

        var window = Line.Window(calendar.LookbackStart, calendar.ReferenceDate);
        var assessments = index.ProjectsOfFactory(factory)
            .Where(p => p.ProjectType == ProjectType.OnSiteAssessment)
            .OrderBy(p => p.CompletedOn)
            .ThenBy(p => p.ProjectRef, StringComparer.Ordinal)
            .ToList();
        if (assessments.Count == 0)
        {
            return Line.NotMet(id, "no Programme-funded on-site assessment of this factory");
        }

        var candidates = new List<RequirementResult>();
        var skipped = new List<string>();
        foreach (var assessment in assessments)
        {
            if (assessment.Status != ProjectStatus.Completed || assessment.CompletedOn is not { } completed)
            {
                skipped.Add($"{assessment.ProjectRef} not completed (status {assessment.Status})");
            }
            else if (!CycleCalendar.Within(completed, calendar.LookbackStart, calendar.ReferenceDate))
            {
                skipped.Add($"{assessment.ProjectRef} completed {Line.Day(completed)}, outside {window}");
            }
            else if (index.AlreadyDeclared(assessment.ProjectRef, assessment.PreviouslyDeclaredIn) is { } declared)
            {
                skipped.Add(declared);
            }
            else
            {
                candidates.Add(AssessmentOptions(id, assessment, index, calendar));
            }
        }

        if (candidates.Count == 0)
        {
            return Line.NotMet(id, "no on-site assessment completed in " + window + " counts: " + Line.Join(skipped), assessments.Select(a => a.ProjectRef));
        }

        var best = candidates.FirstOrDefault(c => c.Result == RequirementStatus.Met)
            ?? candidates.FirstOrDefault(c => c.Result == RequirementStatus.Unknown)
            ?? candidates[0];
        var note = Line.Join([best.Note, .. skipped]);
        if (best.Result == RequirementStatus.NotMet)
        {
            return best with { Note = note };
        }

        // Footnote 3: the secretariat checks the factory on site before the assessment route is accepted.
        return application.SiteCheck switch
        {
            SiteCheckResult.Pass => best with { Note = Line.Join([note, "on-site check passed"]) },
            SiteCheckResult.Fail => best with { Result = RequirementStatus.NotMet, Note = Line.Join([note, "the secretariat's on-site check failed (SiteCheck Fail, footnote 3)"]) },
            _ => best with { Result = RequirementStatus.Unknown, Note = Line.Join([note, "no on-site check recorded yet (SiteCheck blank)"]) },
        };
    }

    private static RequirementResult AssessmentOptions(string id, FundedProject assessment, CycleIndex index, CycleCalendar calendar)
    {
        var reference = calendar.ReferenceDate;
        var options = index.OptionsOf(assessment.ProjectRef);
        var completedLabel = $"{assessment.ProjectRef} completed {Line.Day(assessment.CompletedOn!.Value)}";
        if (options.Count == 0)
        {
            return Line.NotMet(id, $"{completedLabel} but lists no improvement options", [assessment.ProjectRef]);
        }

        // Completed means done by the reference date; an option marked completed later was still in the plan then.
        bool Done(ImprovementOption o) => o.Status == OptionStatus.Completed && o.CompletedOn is { } day && day <= reference;
        static string Ref(ImprovementOption o) => $"{o.ProjectRef}/{o.OptionNo}";

        var status = RequirementStatus.Met;
        var notes = new List<string>();
        void Fail(RequirementStatus result, string note)
        {
            status = Line.Worst(status, result);
            notes.Add(note);
        }

        var noCostOpen = options.Where(o => o.Cost == OptionCost.NoCost && !Done(o)).Select(Ref).ToList();
        if (noCostOpen.Count > 0)
        {
            Fail(RequirementStatus.NotMet, $"no-cost option(s) not completed by {Line.Day(reference)}: {string.Join(", ", noCostOpen)}");
        }

        var counted = new List<ImprovementOption>();
        foreach (var option in options.Where(o => o.Cost == OptionCost.Cost && Done(o)))
        {
            if (index.AlreadyDeclared(Ref(option), option.PreviouslyDeclaredIn) is { } declared)
            {
                notes.Add(declared);
            }
            else
            {
                counted.Add(option);
            }
        }

        var unplanned = options.Where(o => o.Cost == OptionCost.Cost && !Done(o) && o.Status == OptionStatus.NotPlanned).Select(Ref).ToList();
        if (unplanned.Count > 0)
        {
            Fail(RequirementStatus.NotMet, $"cost option(s) neither completed nor planned: {string.Join(", ", unplanned)}");
        }

        var countedText = $"{Line.Count(counted.Count, "cost option", "cost options")} completed ({string.Join(", ", counted.Select(Ref))})";
        if (counted.Count >= 3)
        {
            notes.Insert(0, countedText);
        }
        else if (counted.Count == 2 && counted.Any(o => o.ReducesVocOrNox == true))
        {
            notes.Insert(0, $"{countedText}, {string.Join(", ", counted.Where(o => o.ReducesVocOrNox == true).Select(Ref))} reduces VOC or NOx");
        }
        else if (counted.Count == 2 && counted.Any(o => o.ReducesVocOrNox is null))
        {
            Fail(RequirementStatus.Unknown, $"{countedText}; whether they reduce VOC or NOx is not recorded");
        }
        else if (counted.Count == 2)
        {
            Fail(RequirementStatus.NotMet, $"{countedText}, neither reduces VOC or NOx (3 needed, or 2 with one reducing VOC or NOx)");
        }
        else
        {
            Fail(RequirementStatus.NotMet, $"only {countedText}; 3 needed, or 2 with one reducing VOC or NOx");
        }

        if (noCostOpen.Count == 0)
        {
            notes.Insert(0, "all no-cost options completed");
        }

        notes.Insert(0, completedLabel);
        return Line.Of(id, status, Line.Join(notes), [assessment.ProjectRef, .. counted.Select(Ref)]);
    }

    /// <summary>Guide 4.1 I (2) and 4.2 I (2): funded demonstration projects completed in the look-back window.</summary>
    public static RequirementResult DemonstrationProjects(string id, int needed, Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(calendar);
        if (EntityName.IdKey(application.FactoryId) is not { } factory)
        {
            return Line.Unknown(id, "no FactoryId on the application, so its projects cannot be found");
        }

        var counted = new List<FundedProject>();
        var notes = new List<string>();
        var projects = index.ProjectsOfFactory(factory)
            .Where(p => p.ProjectType == ProjectType.DemonstrationProject && p.Status == ProjectStatus.Completed && p.CompletedOn is not null)
            .OrderBy(p => p.CompletedOn)
            .ThenBy(p => p.ProjectRef, StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var completed = project.CompletedOn!.Value;
            if (!CycleCalendar.Within(completed, calendar.LookbackStart, calendar.ReferenceDate))
            {
                notes.Add($"{project.ProjectRef} completed {Line.Day(completed)}, outside {Line.Window(calendar.LookbackStart, calendar.ReferenceDate)}");
            }
            else if (index.AlreadyDeclared(project.ProjectRef, project.PreviouslyDeclaredIn) is { } declared)
            {
                notes.Add(declared);
            }
            else
            {
                counted.Add(project);
            }
        }

        var refs = counted.Select(p => p.ProjectRef).ToList();
        var summary = counted.Count == 0
            ? $"no demonstration project completed in {Line.Window(calendar.LookbackStart, calendar.ReferenceDate)}"
            : $"{Line.Count(counted.Count, "demonstration project", "demonstration projects")} completed {Line.List([.. counted.Select(p => Line.Day(p.CompletedOn!.Value))])} ({string.Join(", ", refs)})";
        return counted.Count >= needed
            ? Line.Met(id, Line.Join([summary, .. notes]), refs)
            : Line.NotMet(id, Line.Join([$"{summary}; {needed} needed", .. notes]), refs);
    }

    /// <summary>A title of one of <paramref name="types"/> valid on <paramref name="day"/> (4.1 I (3), 4.2 I (3)).</summary>
    public static RequirementResult TitleValidOn(string id, IReadOnlyCollection<TitleType> types, Application application, CycleIndex index, DateOnly day) =>
        Titles(id, types, application, index, t => CommonRequirements.ValidOn(t, day), $"valid on {Line.Day(day)}");

    /// <summary>A title of one of <paramref name="types"/> valid on some day of [from, to] (5.2 I (2), 5.3 I (2)).</summary>
    public static RequirementResult TitleValidWithin(string id, IReadOnlyCollection<TitleType> types, Application application, CycleIndex index, DateOnly from, DateOnly to, string fromName) =>
        Titles(id, types, application, index, t => CommonRequirements.ValidWithin(t, from, to), $"valid on some day of {Line.Window(from, to)} ({fromName} to ReferenceDate)");

    /// <summary>
    /// Titles are matched by the factory's identifier. A qualifying title recorded under another identifier (or
    /// when the application gives none) but under the same normalised factory name is shown for review, because
    /// a mistyped code is likelier than two factories of one name.
    /// </summary>
    private static RequirementResult Titles(string id, IReadOnlyCollection<TitleType> types, Application application, CycleIndex index, Func<Title, bool> valid, string validText)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        var wanted = string.Join(" or ", types);
        var factory = EntityName.IdKey(application.FactoryId);
        var own = factory is null ? [] : index.TitlesOf(factory).Where(t => types.Contains(t.TitleType)).ToList();
        var holding = own.Where(valid).OrderBy(t => t.IssuedOn).ToList();
        if (holding.Count > 0)
        {
            return Line.Met(
                id,
                $"{string.Join(", ", holding.Select(t => $"{t.TitleType} {CommonRequirements.Cite(t)} issued {Line.Day(t.IssuedOn)}{(t.ValidUntil is { } u ? $", valid until {Line.Day(u)}" : "")}"))} {validText}",
                holding.Select(CommonRequirements.Cite));
        }

        var byName = index.NameKeyOf(application.FactoryName) is { } name
            ? index.TitlesNamed(name).Where(t => types.Contains(t.TitleType) && valid(t) && EntityName.IdKey(t.FactoryId) != factory).ToList()
            : [];
        var others = own.Select(t => $"{t.TitleType} {CommonRequirements.Cite(t)} issued {Line.Day(t.IssuedOn)}{(t.ValidUntil is { } u ? $" valid until {Line.Day(u)}" : "")} is not {validText}");
        if (byName.Count > 0)
        {
            return Line.Unknown(
                id,
                Line.Join([
                    $"{string.Join(", ", byName.Select(t => $"{t.TitleType} {CommonRequirements.Cite(t)}"))} recorded for «{byName[0].FactoryName}» under factory id {byName[0].FactoryId}, not {application.FactoryId ?? "(none given)"}: confirm it is this factory",
                    .. others]),
                byName.Select(CommonRequirements.Cite));
        }

        return Line.NotMet(id, Line.Join([$"no {wanted} title {validText}", .. others]), own.Select(CommonRequirements.Cite));
    }

    /// <summary>
    /// Guide 5.2 I (1) / 5.3 I (1): the label being renewed came from the on-site assessment route, and at least
    /// two more cost options of the factory were completed since it was awarded. Options are counted
    /// individually: the assessment itself was declared for the earlier award, its later options were not.
    /// </summary>
    public static RequirementResult CostOptionsSinceAward(string id, Application application, RegisterLabel renewed, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(renewed);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(calendar);
        if (renewed.Route is null)
        {
            return Line.Unknown(id, $"the register gives no route for {renewed.Serial}, so it is not known whether it came from an on-site assessment", [renewed.Serial]);
        }

        if (renewed.Route != LabelRoute.OnSiteAssessment)
        {
            return Line.NotMet(id, $"{renewed.Serial} was obtained by the {renewed.Route} route, not by on-site assessment", [renewed.Serial]);
        }

        if (EntityName.IdKey(application.FactoryId) is not { } factory)
        {
            return Line.Unknown(id, "no FactoryId on the application, so its options cannot be found", [renewed.Serial]);
        }

        var from = renewed.AwardedOn;
        var counted = new List<string>();
        var notes = new List<string>();
        var options = index.ProjectsOfFactory(factory)
            .Where(p => p.ProjectType == ProjectType.OnSiteAssessment)
            .SelectMany(p => index.OptionsOf(p.ProjectRef))
            .Where(o => o.Cost == OptionCost.Cost && o.Status == OptionStatus.Completed && o.CompletedOn is { } day && CycleCalendar.Within(day, from, calendar.ReferenceDate))
            .OrderBy(o => o.CompletedOn)
            .ThenBy(o => o.ProjectRef, StringComparer.Ordinal)
            .ThenBy(o => o.OptionNo, StringComparer.Ordinal);
        foreach (var option in options)
        {
            var reference = $"{option.ProjectRef}/{option.OptionNo}";
            if (index.AlreadyDeclared(reference, option.PreviouslyDeclaredIn) is { } declared)
            {
                notes.Add(declared);
            }
            else
            {
                counted.Add(reference);
            }
        }

        var summary = $"{renewed.Serial} obtained by on-site assessment; {Line.Count(counted.Count, "cost option", "cost options")} completed in {Line.Window(from, calendar.ReferenceDate)}{(counted.Count > 0 ? $" ({string.Join(", ", counted)})" : "")}";
        return counted.Count >= 2
            ? Line.Met(id, Line.Join([summary, .. notes]), [renewed.Serial, .. counted])
            : Line.NotMet(id, Line.Join([summary + "; 2 needed", .. notes]), [renewed.Serial, .. counted]);
    }
}
