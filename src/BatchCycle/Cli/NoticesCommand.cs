using System.CommandLine;
using BatchCycle.Notices;
using BatchCycle.Reminders;
using BatchCycle.Storage;

namespace BatchCycle.Cli;

/// <summary>
/// <c>notices send</c>: sends the results notices <c>run</c> drafted (guide 7) through the SMTP server in settings,
/// each at most once, with the reminders' sender. Nothing else sends a notice, so a run never e-mails anyone.
/// </summary>
public static class NoticesCommand
{
    public static Command Create() => new("notices", "Send the drafted results notices.")
    {
        SendCommand(),
    };

    private static Command SendCommand()
    {
        var options = new SendOptionSet("notices");
        var command = new Command("send", "Send the drafted results notices through the SMTP server in settings; each notice at most once.")
        {
            options.Database, options.RetryUncertain, options.RetryFailed,
        };
        command.SetAction((parse, cancellationToken) => SendAsync(parse.GetValue(options.Database), options.Read(parse), cancellationToken));
        return command;
    }

    private static async Task<int> SendAsync(string? db, SendOptions options, CancellationToken cancellationToken)
    {
        var settings = AppConfiguration.Settings(AppConfiguration.Load());
        var database = BatchCycleDatabase.Parse(db ?? settings.Database);
        if (PathArguments.DatabaseProblem(database) is { } pathProblem)
        {
            return ExitCodes.Refuse(pathProblem);
        }

        var report = await new NoticeSender(settings, database).SendAsync(options, cancellationToken);
        if (report.Lines.Count == 0)
        {
            return ExitCodes.Refuse($"There are no results notices in {database}: run the cycle first; run drafts a notice for each panel decision.");
        }

        await SendReportView.WriteAsync(report, "Results notices", settings.Smtp.MaxAttempts);
        return report.AllDelivered ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
