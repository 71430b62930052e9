namespace BatchCycle.Reminders;

/// <summary>
/// A renewal reminder as the outbox holds it, without its bodies: what a round's list shows and what the stages
/// after the reminders stage may know of it. The bodies stay in the outbox, a batch at a time where needed.
/// </summary>
public sealed record DraftedReminder(
    long Id, string LabelSerial, string LabelType, string HolderName, string? Recipient, DateOnly ExpiresOn, ReminderState State, string? LastError);
