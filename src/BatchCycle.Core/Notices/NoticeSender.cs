using System.Globalization;
using BatchCycle.Cycle;
using BatchCycle.Reminders;
using BatchCycle.Storage;

namespace BatchCycle.Notices;

/// <summary>
/// Sends the drafted results notices (guide 7, "结果将于…以电邮通知申请人") with the reminders' sender, so a notice is
/// claimed before it is handed to the server and sent at most once. Every notice not yet sent is in scope, whatever
/// the cycle year: a notice drafted is owed to the applicant until it is sent.
/// </summary>
public sealed class NoticeSender(BatchCycleSettings settings, BatchCycleDatabase database)
{
    public const string ScopeName = "notices";

    public Task<SendReport> SendAsync(SendOptions options, CancellationToken cancellationToken) =>
        new OutboxSender<NoticeOutboxMessage>(settings, database).SendAsync(
            new OutboxScope<NoticeOutboxMessage>(ScopeName, _ => true, m => m.ApplicationId, Key),
            options,
            cancellationToken);

    /// <summary>The application, and the notice's version when it corrects an earlier one.</summary>
    public static string Key(NoticeOutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Version > 1 ? string.Create(CultureInfo.InvariantCulture, $"{row.ApplicationId} v{row.Version}") : row.ApplicationId;
    }
}
