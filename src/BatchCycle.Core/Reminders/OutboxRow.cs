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

/// <summary>
/// The columns every outbox table has (reminders, results notices): what is sent, and the claim-then-send state
/// that keeps each message sent at most once. A storage shape, mutable for EF Core, which maps these columns on
/// each outbox's own table (the base class itself is no entity).
/// </summary>
public abstract class OutboxRow : IOutboxRow
{
    public long Id { get; set; }

    public string? Recipient { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public string MessageId { get; set; } = "";

    public ReminderState State { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public DateTime CreatedAt { get; set; }
}
