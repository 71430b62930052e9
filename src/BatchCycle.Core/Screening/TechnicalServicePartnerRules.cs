using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Import;
using BatchCycle.Messages;

namespace BatchCycle.Screening;

/// <summary>Technical Service Partner (T): guide 2.4, 4.4 (new) and 5.5 (renewal).</summary>
public static class TechnicalServicePartnerRules
{
    public static IEnumerable<RequirementResult> Screen(Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(calendar);
        var lines = new List<RequirementResult> { Registered(application, index, calendar) };

        // The renewal windows start at ComplianceStart ("since 2024-05-14" in the 2025 guide), not at the
        // award date, so a T renewal is screened even when REN found no label; REN alone then fails it.
        if (application.Kind == ApplicationKind.New)
        {
            lines.Add(CompletedProjects("4.4-1", 5, application, index, calendar.LookbackStart, calendar.ReferenceDate, "LookbackStart"));
            lines.Add(Complaints("4.4-2", application, index, calendar.LookbackStart, calendar.ReferenceDate, "LookbackStart"));
        }
        else
        {
            lines.Add(CompletedProjects("5.5-1", 3, application, index, calendar.ComplianceStart, calendar.ReferenceDate, "ComplianceStart"));
            lines.Add(Complaints("5.5-2", application, index, calendar.ComplianceStart, calendar.ReferenceDate, "ComplianceStart"));
        }

        return lines;
    }

    /// <summary>Guide 2.4: a provider in the register, registered on the reference date.</summary>
    public static RequirementResult Registered(Application application, CycleIndex index, CycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(calendar);
        const string id = "2.4";
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
    public static RequirementResult CompletedProjects(string id, int needed, Application application, CycleIndex index, DateOnly from, DateOnly to, string fromName)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
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
    public static RequirementResult Complaints(string id, Application application, CycleIndex index, DateOnly from, DateOnly to, string fromName)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        if (EntityName.IdKey(application.ProviderId) is not { } key)
        {
            return Line.Unknown(id, Line.Say("Provider.NoIdComplaints"));
        }

        var received = index.ComplaintsAbout(key)
            .Where(c => CycleCalendar.Within(c.ReceivedOn, from, to))
            .OrderBy(c => c.ReceivedOn)
            .ToList();
        // A complaint without a reference is cited by its kind and day, as an identifier in the evidence column.
        static string Cite(Complaint c) => c.Ref ?? string.Create(CultureInfo.InvariantCulture, $"{c.Kind?.ToString() ?? "complaint"}@{c.ReceivedOn:yyyy-MM-dd}");
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
