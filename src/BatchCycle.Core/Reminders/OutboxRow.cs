namespace BatchCycle.Reminders;

/// <summary>
/// The columns every outbox table (reminders, results notices) shares: what is sent, and the state the sender
/// claims and settles. One sender works on any of them, so the at-most-once guarantees are written once.
/// </summary>
public interface IOutboxRow
{
    long Id { get; }

    /// <summary>Comma-separated addresses, already checked; null when <see cref="ReminderState.NoEmail"/>.</summary>
    string? Recipient { get; }

    string Subject { get; }

    string TextBody { get; }

    string HtmlBody { get; }

    string MessageId { get; }

    ReminderState State { get; set; }

    /// <summary>Claims so far, including one that was cut off.</summary>
    int Attempts { get; set; }

    string? LastError { get; set; }

    /// <summary>When a sender may claim it next (UTC); null when it is never sent automatically (NoEmail, given up).</summary>
    DateTime? NextAttemptAt { get; set; }

    /// <summary><c>&lt;process id&gt;:&lt;guid&gt;</c> of the sender holding it.</summary>
    string? ClaimedBy { get; set; }

    DateTime? ClaimedAt { get; set; }

    DateTime? SentAt { get; set; }
}
