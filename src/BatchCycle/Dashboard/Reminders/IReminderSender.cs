namespace BatchCycle.Dashboard.Reminders;

/// <summary>Sends the drafted reminders of one round: the same code as <c>reminders send</c> on the command line.</summary>
public interface IReminderSender
{
    /// <summary>A one-line report for the page, e.g. how many were sent and how many failed.</summary>
    Task<string> SendRoundAsync(string round, CancellationToken ct);
}
