using BatchCycle.Cycle;
using BatchCycle.Import;

namespace BatchCycle.Reminders;

/// <summary>Why a label of the register gets no reminder this cycle.</summary>
public enum ReminderSkip
{
    NotExpiringThisYear,
    Revoked,
    RenewalApplied,
}

/// <summary>The labels due a renewal reminder this cycle, and how many were passed over for each reason.</summary>
public sealed record RenewalReminderSelection(IReadOnlyList<RegisterLabel> Due, IReadOnlyDictionary<ReminderSkip, int> Skipped)
{
    /// <summary>
    /// docs/criteria.md "Renewal reminders": every label expiring in the cycle year and not revoked is due, unless a
    /// renewal application of the same type already exists for the same factory (M, E) or applicant (S, T) —
    /// the identities of requirement REN, so a reminder never asks a holder for what it has already done.
    /// A serial held both in the imported register and by the system counts once (the register's copy wins:
    /// it is what the secretariat maintains), except that a label revoked in either copy is revoked (guide 11).
    /// </summary>
    public static RenewalReminderSelection Select(
        CycleCalendar calendar,
        IEnumerable<RegisterLabel> register,
        IEnumerable<RegisterLabel> issued,
        IEnumerable<Application> applications)
    {
        // The holders that applied for renewal, by label type and identity, so each label is checked in constant
        // time rather than against every renewal (a full cycle has tens of thousands of both).
        var renewed = new HashSet<string>(
            applications.Where(a => a.Kind == ApplicationKind.Renewal)
                .Select(a => HolderKey(a.LabelType, a.LabelType switch
                {
                    LabelType.M or LabelType.E => a.FactoryId,
                    LabelType.S => a.RegistrationNo,
                    LabelType.T => a.ProviderId,
                    _ => null,
                }))
                .OfType<string>(),
            StringComparer.OrdinalIgnoreCase);
        var issuedLabels = issued.ToList();
        var revokedBySystem = issuedLabels.Where(l => l.Revoked).Select(l => l.Serial).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var skipped = Enum.GetValues<ReminderSkip>().ToDictionary(s => s, _ => 0);
        var due = new List<RegisterLabel>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in register.Concat(issuedLabels))
        {
            if (!seen.Add(label.Serial))
            {
                continue;
            }

            ReminderSkip? skip = !calendar.ExpiresThisYear(label.ExpiresOn) ? ReminderSkip.NotExpiringThisYear
                : label.Revoked || revokedBySystem.Contains(label.Serial) ? ReminderSkip.Revoked
                : HolderKey(label.LabelType, HolderId(label)) is { } holder && renewed.Contains(holder) ? ReminderSkip.RenewalApplied
                : null;
            if (skip is { } reason)
            {
                skipped[reason]++;
            }
            else
            {
                due.Add(label);
            }
        }

        return new RenewalReminderSelection([.. due.OrderBy(l => l.Serial, StringComparer.Ordinal)], skipped);
    }

    /// <summary>A holder is its factory for M and E, its registration number for S and its provider id for T (docs/criteria.md, identity).</summary>
    private static string? HolderId(RegisterLabel label) => label.LabelType switch
    {
        LabelType.M or LabelType.E => label.FactoryId,
        LabelType.S => label.HolderRegistrationNo,
        LabelType.T => label.ProviderId,
        _ => throw new ArgumentOutOfRangeException(nameof(label), label.LabelType, "Unknown label type."),
    };

    /// <summary>
    /// Label type and trimmed identity, compared ignoring case. Identifiers arrive trimmed and upper-cased from the
    /// import; a missing one never matches, so a label whose holder cannot be identified still gets its reminder
    /// rather than being silently passed over.
    /// </summary>
    private static string? HolderKey(LabelType type, string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : type + "|" + id.Trim();
}
