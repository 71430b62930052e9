namespace BatchCycle.Dashboard.Reminders;

/// <summary>Sends drafted reminders or results notices: the same code as <c>reminders send</c> and <c>notices send</c> on the command line.</summary>
public interface IReminderSender
{
    /// <summary>A one-line report for the page, e.g. how many were sent and how many failed.</summary>
    Task<string> SendRoundAsync(string round, CancellationToken ct);

    /// <summary>Sends every drafted results notice; reported in one line like a round.</summary>
    Task<string> SendNoticesAsync(CancellationToken ct);
}
