using BatchCycle.Reminders;

namespace BatchCycle.Cli;

/// <summary>
/// What <c>reminders send</c> and <c>notices send</c> print: one line per message, the totals, and on standard
/// error each message that still needs a person (no address, failed, uncertain, waiting).
/// </summary>
public static class SendReportView
{
    public static async Task WriteAsync(SendReport report, string title, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.ReleasedUncertain > 0)
        {
            Console.WriteLine($"Released {report.ReleasedUncertain} Uncertain message(s) for sending again, as asked.");
        }

        if (report.ReleasedFailed > 0)
        {
            Console.WriteLine($"Released {report.ReleasedFailed} Failed message(s) for fresh attempts, as asked.");
        }

        foreach (var line in report.Lines)
        {
            Console.WriteLine($"{line.Key,-16} {Describe(line, maxAttempts)}");
        }

        Console.WriteLine($"{title}: {report.Count(SendResult.SentNow)} sent now, {report.Count(SendResult.AlreadySent)} already sent, "
            + $"{report.Count(SendResult.Failed) + report.Count(SendResult.GivenUp)} failed, {report.Count(SendResult.Uncertain)} uncertain, "
            + $"{report.Count(SendResult.NoEmail)} without an e-mail address, {report.Count(SendResult.ClaimedElsewhere)} being sent by another process, "
            + $"{report.Count(SendResult.NotDue)} waiting.");
        foreach (var line in report.Lines.Where(l => l.Result == SendResult.NoEmail))
        {
            await Console.Error.WriteLineAsync($"Warning: {line.Key} was not sent: {line.Error}.");
        }

        foreach (var line in report.Lines.Where(l => l.Result is SendResult.Failed or SendResult.GivenUp or SendResult.Uncertain or SendResult.NotDue))
        {
            await Console.Error.WriteLineAsync($"{line.Key} not sent: {Describe(line, maxAttempts)}");
        }
    }

    private static string Describe(SendLine line, int maxAttempts) => line.Result switch
    {
        SendResult.SentNow => $"sent to {line.Recipient}",
        SendResult.AlreadySent => $"already sent to {line.Recipient} at {line.SentAt:yyyy-MM-dd HH:mm} UTC",
        SendResult.Failed => $"FAILED (attempt {line.Attempts} of {maxAttempts}; tried again by a send after {line.NextAttemptAt:yyyy-MM-dd HH:mm:ss} UTC): {line.Error}",
        SendResult.GivenUp => $"FAILED {line.Attempts} times, given up (send --retry-failed to try again): {line.Error}",
        SendResult.Uncertain => $"UNCERTAIN: {line.Error}. Check with {line.Recipient} whether it arrived; if not, send --retry-uncertain.",
        SendResult.NoEmail => $"no e-mail address ({line.Error})",
        SendResult.ClaimedElsewhere => "being sent by another process",
        SendResult.NotDue => $"drafted, waiting until {line.NextAttemptAt:yyyy-MM-dd HH:mm:ss} UTC",
        _ => throw new ArgumentOutOfRangeException(nameof(line), line.Result, "Unknown send result."),
    };
}
