using BatchCycle.Reminders;

namespace BatchCycle.Notices;

/// <summary>
/// A results notice as the outbox holds it, without its bodies: what the stages after the notices stage may know
/// of it. The bodies stay in the outbox, so a whole-region run does not carry every letter to its end.
/// </summary>
public sealed record DraftedNotice(
    string ApplicationId, int Version, string MessageId, string Decision, string? Recipient, ReminderState State, string? Corrects)
{
    public static DraftedNotice Of(NoticeOutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.ApplicationId, row.Version, row.MessageId, row.Decision, row.Recipient, row.State, row.Corrects);
    }
}
