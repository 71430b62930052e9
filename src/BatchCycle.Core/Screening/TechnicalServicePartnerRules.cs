using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>
/// Technical Service Partner (T): guide 2.4, 4.4 (new) and 5.5 (renewal). <see cref="Clauses"/> is the label's
/// clause table of docs/criteria.md ("Technical Service Partner — T"), in the order of the result lines.
/// </summary>
public static class TechnicalServicePartnerRules
{
    /// <remarks>
    /// The renewal windows start at ComplianceStart ("since 2024-05-14" in the 2025 guide), not at the award date,
    /// so a T renewal is screened even when REN found no label; REN alone then fails it.
    /// </remarks>
    public static IReadOnlyList<Clause> Clauses { get; } =
    [
        Clause.Of("2.4", ClauseScope.Always, Registered),
        Clause.Of("4.4-1", ClauseScope.New, (id, c) => CompletedProjects(id, 5, c, c.Calendar.LookbackStart, "LookbackStart")),
        Clause.Of("4.4-2", ClauseScope.New, (id, c) => Complaints(id, c, c.Calendar.LookbackStart, "LookbackStart")),
        Clause.Of("5.5-1", ClauseScope.Renewal, (id, c) => CompletedProjects(id, 3, c, c.Calendar.ComplianceStart, "ComplianceStart")),
        Clause.Of("5.5-2", ClauseScope.Renewal, (id, c) => Complaints(id, c, c.Calendar.ComplianceStart, "ComplianceStart")),
    ];

    /// <summary>Guide 2.4: a provider in the register, registered on the reference date.</summary>
    private static RequirementResult Registered(string id, ClauseCase @case)
    {
        var (application, _, index, calendar) = @case;
        if (EntityName.IdKey(application.ProviderId) is not { } key)
        {
            return Line.Unknown(id, Line.Say("Provider.NoId"));
        }

        if (index.Provider(key) is not { } provider)
        {
            return Line.NotMet(id, Line.Say("Provider.NotRegistered", application.ProviderId!), [application.ProviderId!]);
        }

        var day = calendar.ReferenceDate;
        if (provider.RegisteredOn is { } registered && registered > day)
        {
            return Line.NotMet(id, Line.Say("Provider.RegisteredLate", provider.ProviderName, registered, day), [provider.ProviderId]);
        }

        // A provider delisted after the reference date was still registered on it.
        if (provider.Status == ProviderStatus.Delisted && (provider.DelistedOn is not { } delisted || delisted <= day))
        {
            var note = provider.DelistedOn is { } d
                ? Line.Say("Provider.DelistedOn", provider.ProviderName, d, day)
                : Line.Say("Provider.Delisted", provider.ProviderName, day);
            return Line.NotMet(id, note, [provider.ProviderId]);
        }

        return Line.Met(id, Line.Say("Provider.Registered", provider.ProviderName, day), [provider.ProviderId]);
    }

    /// <summary>
    /// Guide 4.4 (1) / 5.5 (1): funded projects carried out by the provider and completed in the window. The
    /// Programme funds Hong Kong-owned factories only, so every funded project counts as one for such a factory.
    /// </summary>
    private static RequirementResult CompletedProjects(string id, int needed, ClauseCase @case, DateOnly from, string fromName)
    {
        var (application, _, index, calendar) = @case;
        var to = calendar.ReferenceDate;
        if (EntityName.IdKey(application.ProviderId) is not { } key)
        {
            return Line.Unknown(id, Line.Say("Provider.NoIdProjects"));
        }

        var projects = index.ProjectsOfProvider(key)
            .Where(p => p.ProjectType != ProjectType.Other && p.Status == ProjectStatus.Completed && p.CompletedOn is { } day && CycleCalendar.Within(day, from, to))
            .OrderBy(p => p.CompletedOn)
            .ThenBy(p => p.ProjectRef, StringComparer.Ordinal);
        var (counted, notes) = Footnote6.Count(index, projects, p => p.ProjectRef, p => p.PreviouslyDeclaredIn);

        var refs = counted.Select(p => p.ProjectRef).ToList();
        var count = Line.Count(counted.Count, "Noun.Project");
        var window = Line.NamedWindow(from, to, Line.DateName(fromName));
        var summary = refs.Count > 0
            ? Line.Say("ProviderProjects.Counted", count, window, Line.Refs(refs))
            : Line.Say("ProviderProjects.NoneCounted", count, window);
        return counted.Count >= needed
            ? Line.Met(id, Line.Join([summary, .. notes]), refs)
            : Line.NotMet(id, Line.Join([Line.Say("Needed", summary, needed), .. notes]), refs);
    }

    /// <summary>
    /// Guide 4.4 (2) / 5.5 (2): no substantiated client complaint or poor-service report received in the window.
    /// An unsubstantiated one does not count; an open one does not fail either, but the note names it.
    /// </summary>
    private static RequirementResult Complaints(string id, ClauseCase @case, DateOnly from, string fromName)
    {
        var (application, _, index, calendar) = @case;
        var to = calendar.ReferenceDate;
        if (EntityName.IdKey(application.ProviderId) is not { } key)
        {
            return Line.Unknown(id, Line.Say("Provider.NoIdComplaints"));
        }

        var received = index.ComplaintsAbout(key)
            .Where(c => CycleCalendar.Within(c.ReceivedOn, from, to))
            .OrderBy(c => c.ReceivedOn)
            .ToList();
        // A complaint without a reference is cited by its kind and day, as an identifier in the evidence column.
        static string Cite(Complaint c) => c.Ref ?? $"{c.Kind?.ToString() ?? "complaint"}@{Days.Iso(c.ReceivedOn)}";
        static object Describe(Complaint c) => Line.Say("Complaint.Received", Cite(c), c.ReceivedOn);

        var substantiated = received.Where(c => c.Substantiated == true).ToList();
        var open = received.Where(c => c.Substantiated is null).ToList();
        var dismissed = received.Where(c => c.Substantiated == false).ToList();
        var window = Line.NamedWindow(from, to, Line.DateName(fromName));
        var notes = new List<Message?>
        {
            substantiated.Count > 0
                ? Line.Say("Complaint.Substantiated", window, Line.Refs(substantiated.Select(Describe)))
                : Line.Say("Complaint.None", window),
            open.Count > 0 ? Line.Say("Complaint.Open", Line.Refs(open.Select(Describe))) : null,
            dismissed.Count > 0 ? Line.Say("Complaint.Dismissed", Line.Refs(dismissed.Select(Describe))) : null,
        };
        return Line.Of(id, substantiated.Count > 0 ? RequirementStatus.NotMet : RequirementStatus.Met, Line.Join(notes), received.Select(Cite));
    }
}
