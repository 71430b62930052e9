using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// Manufacturing Partner (M): guide 2.1, 4.1 (new) and 5.2 (renewal). <see cref="Clauses"/> is the label's clause
/// table of docs/criteria.md ("Manufacturing Partner — M"), in the order of the result lines.
/// </summary>
public static class ManufacturingPartnerRules
{
    private static readonly TitleType[] MunicipalTitles = [TitleType.MunicipalCpAudit, TitleType.MunicipalCpEnterprise];

    public static IReadOnlyList<Clause> Clauses { get; } =
    [
        Clause.Of("2.1", ClauseScope.Always, (id, c) => CommonRequirements.HongKongCompanyAndFactory(id, c.Application)),
        Clause.AnyOf(
            "4.1-I",
            ClauseScope.New,
            ("4.1-I-1", OnSiteAssessment),
            ("4.1-I-2", (id, c) => DemonstrationProjects(id, 2, c)),
            ("4.1-I-3", (id, c) => TitleValidOn(id, MunicipalTitles, c, c.Calendar.ReferenceDate))),
        Clause.Of("4.1-II", ClauseScope.New, (id, c) => CommonRequirements.Compliance(id, c.Application, c.Index, c.Calendar.ComplianceStart, "ComplianceStart")),
        Clause.AnyOf(
            "5.2-I",
            ClauseScope.RenewalOfLabel,
            ("5.2-I-1", CostOptionsSinceAward),
            ("5.2-I-2", (id, c) => TitleValidWithin(id, MunicipalTitles, c, c.Renewed!.AwardedOn, c.Calendar.ReferenceDate, "ValidityStart"))),
        Clause.Of("5.2-II", ClauseScope.RenewalOfLabel, (id, c) => CommonRequirements.Compliance(id, c.Application, c.Index, c.Renewed!.AwardedOn, "ValidityStart")),
    ];

    /// <summary>
    /// Guide 4.1 I (1) and footnote 3: a funded on-site assessment completed in the look-back window whose
    /// options show every no-cost option done, three cost options done (or two, one cutting VOC or NOx) and a plan
    /// for the rest; and the secretariat's own on-site check passed.
    /// </summary>
    private static RequirementResult OnSiteAssessment(string id, ClauseCase @case)
    {
        var (application, _, index, calendar) = @case;
        if (EntityName.IdKey(application.FactoryId) is not { } factory)
        {
            return Line.Unknown(id, Line.Say("Projects.NoFactoryId"));
        }

        var window = Line.Window(calendar.LookbackStart, calendar.ReferenceDate);
        var assessments = index.ProjectsOfFactory(factory)
            .Where(p => p.ProjectType == ProjectType.OnSiteAssessment)
            .OrderBy(p => p.CompletedOn)
            .ThenBy(p => p.ProjectRef, StringComparer.Ordinal)
            .ToList();
        if (assessments.Count == 0)
        {
            return Line.NotMet(id, Line.Say("Assessment.None"));
        }

        var (counted, skipped) = Footnote6.Count(index, assessments, a => a.ProjectRef, a => a.PreviouslyDeclaredIn, a =>
            a.Status != ProjectStatus.Completed || a.CompletedOn is not { } completed ? Line.Say("Assessment.NotCompleted", a.ProjectRef, a.Status)
            : CycleCalendar.Within(completed, calendar.LookbackStart, calendar.ReferenceDate) ? null
            : Line.Say("Project.Outside", a.ProjectRef, completed, window));
        var candidates = counted.Select(a => AssessmentOptions(id, a, index, calendar)).ToList();

        if (candidates.Count == 0)
        {
            return Line.NotMet(id, Line.Say("Assessment.NoneCounts", window, Line.Join(skipped)), assessments.Select(a => a.ProjectRef));
        }

        var best = candidates.FirstOrDefault(c => c.Result == RequirementStatus.Met)
            ?? candidates.FirstOrDefault(c => c.Result == RequirementStatus.Unknown)
            ?? candidates[0];
        var note = Line.Join([best.Reason, .. skipped]);
        if (best.Result == RequirementStatus.NotMet)
        {
            return best with { Reason = note };
        }

        // Footnote 3: the secretariat checks the factory on site before the assessment route is accepted.
        return application.SiteCheck switch
        {
            SiteCheckResult.Pass => best with { Reason = Line.Join([note, Line.Say("SiteCheck.Passed")]) },
            SiteCheckResult.Fail => best with { Result = RequirementStatus.NotMet, Reason = Line.Join([note, Line.Say("SiteCheck.Failed")]) },
            _ => best with { Result = RequirementStatus.Unknown, Reason = Line.Join([note, Line.Say("SiteCheck.Missing")]) },
        };
    }

    private static RequirementResult AssessmentOptions(string id, FundedProject assessment, CycleIndex index, CycleCalendar calendar)
    {
        var reference = calendar.ReferenceDate;
        var options = index.OptionsOf(assessment.ProjectRef);
        var completedLabel = Line.Say("Project.Completed", assessment.ProjectRef, assessment.CompletedOn!.Value);
        if (options.Count == 0)
        {
            return Line.NotMet(id, Line.Say("Assessment.NoOptions", completedLabel), [assessment.ProjectRef]);
        }

        // Completed means done by the reference date; an option marked completed later was still in the plan then.
        bool Done(ImprovementOption o) => o.Status == OptionStatus.Completed && o.CompletedOn is { } day && day <= reference;

        var findings = new Findings();
        var noCostOpen = options.Where(o => o.Cost == OptionCost.NoCost && !Done(o)).Select(Ref).ToList();
        if (noCostOpen.Count > 0)
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Options.NoCostOpen", reference, Line.Refs(noCostOpen)));
        }

        var (counted, declared) = Footnote6.Count(index, options.Where(o => o.Cost == OptionCost.Cost && Done(o)), Ref, o => o.PreviouslyDeclaredIn);
        findings.Note(declared);

        var unplanned = options.Where(o => o.Cost == OptionCost.Cost && !Done(o) && o.Status == OptionStatus.NotPlanned).Select(Ref).ToList();
        if (unplanned.Count > 0)
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Options.Unplanned", Line.Refs(unplanned)));
        }

        CountedCostOptions(counted, findings);
        if (noCostOpen.Count == 0)
        {
            findings.NoteFirst(Line.Say("Options.NoCostDone"));
        }

        findings.NoteFirst(completedLabel);
        return findings.Result(id, [assessment.ProjectRef, .. counted.Select(Ref)]);
    }

    /// <summary>Guide 4.1 I (1) (b): three cost options completed, or exactly two of which one reduces VOC or NOx.</summary>
    private static void CountedCostOptions(IReadOnlyList<ImprovementOption> counted, Findings findings)
    {
        var countedText = Line.Say("Options.Counted", Line.Count(counted.Count, "Noun.CostOption"), Line.Refs(counted.Select(Ref)));
        if (counted.Count >= 3)
        {
            findings.NoteFirst(countedText);
        }
        else if (counted.Count == 2 && counted.Any(o => o.ReducesVocOrNox == true))
        {
            findings.NoteFirst(Line.Say("Options.ReducesVoc", countedText, Line.Refs(counted.Where(o => o.ReducesVocOrNox == true).Select(Ref))));
        }
        else if (counted.Count == 2 && counted.Any(o => o.ReducesVocOrNox is null))
        {
            findings.Add(RequirementStatus.Unknown, Line.Say("Options.VocMissing", countedText));
        }
        else if (counted.Count == 2)
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Options.NoVoc", countedText));
        }
        else
        {
            findings.Add(RequirementStatus.NotMet, Line.Say("Options.TooFew", countedText));
        }
    }

    /// <summary>Guide 4.1 I (2) and 4.2 I (2): funded demonstration projects completed in the look-back window.</summary>
    internal static RequirementResult DemonstrationProjects(string id, int needed, ClauseCase @case)
    {
        var (application, _, index, calendar) = @case;
        if (EntityName.IdKey(application.FactoryId) is not { } factory)
        {
            return Line.Unknown(id, Line.Say("Projects.NoFactoryId"));
        }

        var window = Line.Window(calendar.LookbackStart, calendar.ReferenceDate);
        var projects = index.ProjectsOfFactory(factory)
            .Where(p => p.ProjectType == ProjectType.DemonstrationProject && p.Status == ProjectStatus.Completed && p.CompletedOn is not null)
            .OrderBy(p => p.CompletedOn)
            .ThenBy(p => p.ProjectRef, StringComparer.Ordinal);
        var (counted, notes) = Footnote6.Count(index, projects, p => p.ProjectRef, p => p.PreviouslyDeclaredIn, p =>
            CycleCalendar.Within(p.CompletedOn!.Value, calendar.LookbackStart, calendar.ReferenceDate) ? null : Line.Say("Project.Outside", p.ProjectRef, p.CompletedOn!.Value, window));

        var refs = counted.Select(p => p.ProjectRef).ToList();
        var summary = counted.Count == 0
            ? Line.Say("Demo.None", window)
            : Line.Say("Demo.Counted", Line.Count(counted.Count, "Noun.DemoProject"), Line.List(counted.Select(p => (object)p.CompletedOn!.Value)), Line.Refs(refs));
        return counted.Count >= needed
            ? Line.Met(id, Line.Join([summary, .. notes]), refs)
            : Line.NotMet(id, Line.Join([Line.Say("Needed", summary, needed), .. notes]), refs);
    }

    /// <summary>A title of one of <paramref name="types"/> valid on <paramref name="day"/> (4.1 I (3), 4.2 I (3)).</summary>
    internal static RequirementResult TitleValidOn(string id, IReadOnlyCollection<TitleType> types, ClauseCase @case, DateOnly day) =>
        Titles(id, types, @case, t => CommonRequirements.ValidOn(t, day), Line.Say("Title.ValidOn", day));

    /// <summary>A title of one of <paramref name="types"/> valid on some day of [from, to] (5.2 I (2), 5.3 I (2)).</summary>
    internal static RequirementResult TitleValidWithin(string id, IReadOnlyCollection<TitleType> types, ClauseCase @case, DateOnly from, DateOnly to, string fromName) =>
        Titles(id, types, @case, t => CommonRequirements.ValidWithin(t, from, to), Line.Say("Title.ValidWithin", Line.NamedWindow(from, to, Line.DateName(fromName))));

    /// <summary>
    /// Titles are matched by the factory's identifier. A qualifying title recorded under another identifier (or
    /// when the application gives none) but under the same normalised factory name is shown for review, because
    /// a mistyped code is likelier than two factories of one name.
    /// </summary>
    private static RequirementResult Titles(string id, IReadOnlyCollection<TitleType> types, ClauseCase @case, Func<Title, bool> valid, Message validText)
    {
        var (application, _, index, _) = @case;
        var wanted = MessageList.Of(ListStyle.Or, types.Cast<object>());
        var factory = EntityName.IdKey(application.FactoryId);
        var own = factory is null ? [] : index.TitlesOf(factory).Where(t => types.Contains(t.TitleType)).ToList();
        var holding = own.Where(valid).OrderBy(t => t.IssuedOn).ToList();
        if (holding.Count > 0)
        {
            return Line.Met(id, Line.Say("Title.Held", Line.Refs(holding.Select(Issued)), validText), holding.Select(CommonRequirements.Cite));
        }

        var byName = index.NameKeyOf(application.FactoryName) is { } name
            ? index.TitlesNamed(name).Where(t => types.Contains(t.TitleType) && valid(t) && EntityName.IdKey(t.FactoryId) != factory).ToList()
            : [];
        var others = own.Select(t => Line.Say("Title.NotValid", Issued(t), validText));
        if (byName.Count > 0)
        {
            var given = application.FactoryId is { } typed ? (object)typed : Line.Say("Title.NoneGiven");
            return Line.Unknown(
                id,
                Line.Join([
                    Line.Say("Title.ByName", Line.Refs(byName.Select(t => Line.Say("Title.Cite", t.TitleType, CommonRequirements.Cite(t)))), byName[0].FactoryName ?? "", byName[0].FactoryId, given),
                    .. others]),
                byName.Select(CommonRequirements.Cite));
        }

        return Line.NotMet(id, Line.Join([Line.Say("Title.None", wanted, validText), .. others]), own.Select(CommonRequirements.Cite));
    }

    /// <summary>"MunicipalCpAudit AUD-1 issued 2024-01-01, valid until 2026-12-31".</summary>
    private static Message Issued(Title title) => title.ValidUntil is { } until
        ? Line.Say("Title.IssuedUntil", title.TitleType, CommonRequirements.Cite(title), title.IssuedOn, until)
        : Line.Say("Title.Issued", title.TitleType, CommonRequirements.Cite(title), title.IssuedOn);

    /// <summary>
    /// Guide 5.2 I (1) / 5.3 I (1): the label being renewed came from the on-site assessment route, and at least
    /// two more cost options of the factory were completed since it was awarded. Options are counted
    /// individually: the assessment itself was declared for the earlier award, its later options were not.
    /// </summary>
    internal static RequirementResult CostOptionsSinceAward(string id, ClauseCase @case)
    {
        var (application, renewed, index, calendar) = @case;
        ArgumentNullException.ThrowIfNull(renewed);
        if (renewed.Route is null)
        {
            return Line.Unknown(id, Line.Say("CostOptions.NoRoute", renewed.Serial), [renewed.Serial]);
        }

        if (renewed.Route != LabelRoute.OnSiteAssessment)
        {
            return Line.NotMet(id, Line.Say("CostOptions.OtherRoute", renewed.Serial, renewed.Route.Value), [renewed.Serial]);
        }

        if (EntityName.IdKey(application.FactoryId) is not { } factory)
        {
            return Line.Unknown(id, Line.Say("CostOptions.NoFactoryId"), [renewed.Serial]);
        }

        var from = renewed.AwardedOn;
        var options = index.ProjectsOfFactory(factory)
            .Where(p => p.ProjectType == ProjectType.OnSiteAssessment)
            .SelectMany(p => index.OptionsOf(p.ProjectRef))
            .Where(o => o.Cost == OptionCost.Cost && o.Status == OptionStatus.Completed && o.CompletedOn is { } day && CycleCalendar.Within(day, from, calendar.ReferenceDate))
            .OrderBy(o => o.CompletedOn)
            .ThenBy(o => o.ProjectRef, StringComparer.Ordinal)
            .ThenBy(o => o.OptionNo, StringComparer.Ordinal);
        var (countedOptions, notes) = Footnote6.Count(index, options, Ref, o => o.PreviouslyDeclaredIn);
        var counted = countedOptions.Select(Ref).ToList();

        var window = Line.Window(from, calendar.ReferenceDate);
        var summary = counted.Count > 0
            ? Line.Say("CostOptions.Counted", renewed.Serial, Line.Count(counted.Count, "Noun.CostOption"), window, Line.Refs(counted))
            : Line.Say("CostOptions.NoneCounted", renewed.Serial, Line.Count(counted.Count, "Noun.CostOption"), window);
        return counted.Count >= 2
            ? Line.Met(id, Line.Join([summary, .. notes]), [renewed.Serial, .. counted])
            : Line.NotMet(id, Line.Join([Line.Say("Needed", summary, 2), .. notes]), [renewed.Serial, .. counted]);
    }

    /// <summary>How an option is cited in the evidence and the notes: its assessment and its number.</summary>
    private static string Ref(ImprovementOption option) => $"{option.ProjectRef}/{option.OptionNo}";
}
