using BatchCycle.Reminders;
using BatchCycle.Runs;

namespace BatchCycle.Dashboard.Reminders;

/// <summary>The dashboard's Send button: the outbox sender of <c>reminders send</c>, reported in one line.</summary>
public sealed class OutboxReminderSender(DashboardOptions options) : IReminderSender
{
    public async Task<string> SendRoundAsync(string round, CancellationToken ct)
    {
        try
        {
            var report = await new ReminderSender(options.Settings, options.DatabasePath)
                .SendAsync(round, new SendOptions(RetryUncertain: false, RetryFailed: false), ct);
            var failed = report.Count(SendResult.Failed) + report.Count(SendResult.GivenUp);
            return $"Round {round}: {report.Count(SendResult.SentNow)} sent now, {report.Count(SendResult.AlreadySent)} sent before, "
                + $"{failed} failed, {report.Count(SendResult.Uncertain)} uncertain, {report.Count(SendResult.NoEmail)} without an e-mail address. "
                + $"第 {round} 轮：本次发送 {report.Count(SendResult.SentNow)} 封，失败 {failed} 封。"
                + (failed > 0 ? " Failed messages stay queued; send again later or see `reminders send` for details." : "");
        }
        catch (UserFacingException ex)
        {
            return $"Round {round} was not sent: {ex.Message}";
        }
    }
}
