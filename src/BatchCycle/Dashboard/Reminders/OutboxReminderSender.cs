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
            var uncertain = report.Count(SendResult.Uncertain);
            return $"Round {round}: {report.Count(SendResult.SentNow)} sent now, {report.Count(SendResult.AlreadySent)} sent before, "
                + $"{failed} failed, {uncertain} uncertain, {report.Count(SendResult.NoEmail)} without an e-mail address. "
                + $"第 {round} 轮：本次发送 {report.Count(SendResult.SentNow)} 封，失败 {failed} 封，未能确认 {uncertain} 封。"
                + (failed > 0 ? " Failed messages stay queued; send again later or see `reminders send` for details." : "")
                + (uncertain > 0
                    ? " Uncertain messages may have arrived and are never sent again on their own: check with the holders, then `reminders send --retry-uncertain`. "
                        + "未能确认的邮件可能已送达，不会自动重发：请先向持有人核实。"
                    : "");
        }
        catch (UserFacingException ex)
        {
            return $"Round {round} was not sent: {ex.Message}";
        }
    }
}
