using BatchCycle.Notices;
using BatchCycle.Pipeline;
using BatchCycle.Reminders;

namespace BatchCycle.Dashboard.Reminders;

/// <summary>The dashboard's Send buttons: the outbox senders of <c>reminders send</c> and <c>notices send</c>, reported in one line.</summary>
public sealed class OutboxReminderSender(DashboardOptions options) : IReminderSender
{
    private static readonly SendOptions NothingReleased = new(RetryUncertain: false, RetryFailed: false);

    public async Task<string> SendRoundAsync(string round, CancellationToken ct)
    {
        try
        {
            var report = await new ReminderSender(options.Settings, options.Database).SendAsync(round, NothingReleased, ct);
            return Summary(report, $"Round {round}", $"第 {round} 轮", "reminders send", "持有人");
        }
        catch (UserFacingException ex)
        {
            return $"Round {round} was not sent: {ex.Message}";
        }
    }

    public async Task<string> SendNoticesAsync(CancellationToken ct)
    {
        try
        {
            var report = await new NoticeSender(options.Settings, options.Database).SendAsync(NothingReleased, ct);
            return Summary(report, "Results notices", "结果通知", "notices send", "申请人");
        }
        catch (UserFacingException ex)
        {
            return $"The results notices were not sent: {ex.Message} 结果通知未发送。";
        }
    }

    private static string Summary(SendReport report, string title, string titleZh, string command, string recipientsZh)
    {
        var failed = report.Count(SendResult.Failed) + report.Count(SendResult.GivenUp);
        var uncertain = report.Count(SendResult.Uncertain);
        return $"{title}: {report.Count(SendResult.SentNow)} sent now, {report.Count(SendResult.AlreadySent)} sent before, "
            + $"{failed} failed, {uncertain} uncertain, {report.Count(SendResult.NoEmail)} without an e-mail address. "
            + $"{titleZh}：本次发送 {report.Count(SendResult.SentNow)} 封，失败 {failed} 封，未能确认 {uncertain} 封。"
            + (failed > 0 ? $" Failed messages stay queued; send again later or see `{command}` for details." : "")
            + (uncertain > 0
                ? $" Uncertain messages may have arrived and are never sent again on their own: check with the recipients, then `{command} --retry-uncertain`. "
                    + $"未能确认的邮件可能已送达，不会自动重发：请先向{recipientsZh}核实。"
                : "");
    }
}
