namespace BatchCycle.Cycle;

/// <summary>
/// The <c>BatchCycle:Reminders</c> section: which round a cycle run drafts and how sending retries. It is part of
/// the settings, at the bottom of the layering, so that reading the settings needs nothing of the reminders.
/// </summary>
public sealed class ReminderSettings
{
    /// <summary>The round a cycle run drafts unless the settings name another.</summary>
    public const string FirstRound = "first";

    /// <summary>The round a cycle run drafts; its drafts go straight into <c>reminders/</c>, other rounds into <c>reminders/&lt;round&gt;/</c>.</summary>
    public string Round { get; set; } = FirstRound;

    /// <summary>How many more times one <c>reminders send</c> tries a message after a failure before leaving it to a later send.</summary>
    public int RetriesPerSend { get; set; } = 2;

    /// <summary>The wait before the first retry within one send; it doubles for each further retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a message that still failed waits before a later send tries it again (a server may be down for a while).</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one SMTP exchange may take before it counts as failed.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
