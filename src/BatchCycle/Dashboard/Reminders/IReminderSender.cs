namespace BatchCycle.Dashboard.Reminders;

/// <summary>Sends the drafted reminders of one round: the same code as <c>reminders send</c> on the command line.</summary>
public interface IReminderSender
{
    /// <summary>A one-line report for the page, e.g. how many were sent and how many failed.</summary>
    Task<string> SendRoundAsync(string round, CancellationToken ct);
}

/// <summary>Stands in until the sender of <c>reminders send</c> is registered; says so rather than pretending to send.</summary>
public sealed class UnavailableReminderSender : IReminderSender
{
    public Task<string> SendRoundAsync(string round, CancellationToken ct) =>
        Task.FromResult($"Reminder sending is not available in this build; round {round} was not sent. 此版本未提供发送提醒功能。");
}
