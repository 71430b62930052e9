using System.CommandLine;
using System.Text.Json;
using BatchCycle.Pipeline;
using BatchCycle.Reminders;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Cli;

/// <summary>
/// <c>reminders draft</c> drafts a reminder round as a run of its own; <c>reminders send</c> sends a round's
/// drafts through the SMTP server in settings, each message at most once.
/// </summary>
public static class RemindersCommand
{
    /// <summary>The stage a draft run repeats before drafting, so holders who applied since the last round are left out.</summary>
    private const string ImportStageName = "import";

    public static Command Create() => new("reminders", "Draft or send renewal reminders.")
    {
        DraftCommand(),
        SendCommand(),
    };

    private static Command DraftCommand()
    {
        var options = new RunOptions("Folder for the drafts (reminders/ or reminders/<round>/).");
        var round = new Option<string?>("--round") { Description = "Reminder round, e.g. second; defaults to BatchCycle:Reminders:Round." };
        var command = new Command("draft", "Import the files again and draft a reminder round (nothing is sent).")
        {
            options.Input, options.Output, round, options.Year, options.Database, options.AsOf,
        };
        command.SetAction((parse, cancellationToken) => DraftAsync(options.Read(parse), parse.GetValue(round), cancellationToken));
        return command;
    }

    private static Command SendCommand()
    {
        var round = new Option<string?>("--round") { Description = "Reminder round to send; defaults to BatchCycle:Reminders:Round." };
        var options = new SendOptionSet("messages");
        var command = new Command("send", "Send a round's drafted reminders through the SMTP server in settings; each message at most once.")
        {
            round, options.Database, options.RetryUncertain, options.RetryFailed,
        };
        command.SetAction((parse, cancellationToken) => SendAsync(parse.GetValue(round), parse.GetValue(options.Database), options.Read(parse), cancellationToken));
        return command;
    }

    private static async Task<int> DraftAsync(RunArguments arguments, string? round, CancellationToken cancellationToken)
    {
        if (arguments.Problem(out var today) is { } problem)
        {
            return ExitCodes.Refuse(problem);
        }

        var configuration = AppConfiguration.Load();
        var settings = AppConfiguration.Settings(configuration);
        var roundName = round ?? settings.Reminders.Round;
        if (!ReminderRound.IsValid(roundName))
        {
            return ExitCodes.Refuse($"--round '{roundName}' cannot be used: {ReminderRound.Describe()}.");
        }

        try
        {
            // A template mistake is the secretariat's to fix: said before any run starts, without a stack trace.
            ReminderTemplates.Load(settings.TemplatesFolder());
        }
        catch (ReminderTemplateException ex)
        {
            return ExitCodes.Refuse(ex.Message);
        }

        var database = arguments.Database(settings);
        if (arguments.PathProblem(settings) is { } pathProblem)
        {
            return ExitCodes.Refuse(pathProblem);
        }

        using var loggerFactory = AppConfiguration.Logging(configuration);
        var stages = PipelineStages.Create().Where(s => s.Name == ImportStageName).Append(PipelineStages.Reminder(roundName)).ToList();
        var request = arguments.Request(settings, today);
        var result = await new CyclePipeline(settings, database, stages, loggerFactory).RunAsync(request, cancellationToken);
        if (result.RunId is null)
        {
            return ExitCodes.Busy(result.Error!);
        }

        if (!result.Completed)
        {
            await Console.Error.WriteLineAsync($"Run {result.RunId} did not complete: {result.Error}");
            return ExitCodes.Failed;
        }

        await using var opened = database.Open();
        var stage = await opened.RunStages.AsNoTracking().SingleAsync(s => s.RunId == result.RunId && s.Stage == ReminderDraftStage.StageName, cancellationToken);
        var counts = JsonSerializer.Deserialize<Dictionary<string, long>>(stage.CountsJson) ?? [];
        var folder = Path.GetFullPath(Path.Combine([arguments.Output, .. ReminderRound.FolderParts(roundName, settings.Reminders.Round)]));
        Console.WriteLine($"Round {roundName}: {Count(counts, "due")} label(s) due a reminder; {Count(counts, "drafted")} newly drafted, "
            + $"{Count(counts, "sent")} already sent, {Count(counts, "noEmail")} without an e-mail address, {Count(counts, "withdrawn")} withdrawn.");
        Console.WriteLine($"Drafts and reminders.csv in {folder} (run {result.RunId}).");
        foreach (var warning in JsonSerializer.Deserialize<List<string>>(stage.WarningsJson) ?? [])
        {
            await Console.Error.WriteLineAsync("Warning: " + warning);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> SendAsync(string? round, string? db, SendOptions options, CancellationToken cancellationToken)
    {
        var configuration = AppConfiguration.Load();
        var settings = AppConfiguration.Settings(configuration);
        var roundName = round ?? settings.Reminders.Round;
        if (!ReminderRound.IsValid(roundName))
        {
            return ExitCodes.Refuse($"--round '{roundName}' cannot be used: {ReminderRound.Describe()}.");
        }

        var database = BatchCycleDatabase.Parse(db ?? settings.Database);
        if (PathArguments.DatabaseProblem(database) is { } pathProblem)
        {
            return ExitCodes.Refuse(pathProblem);
        }

        var report = await new ReminderSender(settings, database).SendAsync(roundName, options, cancellationToken);
        if (report.Lines.Count == 0)
        {
            return ExitCodes.Refuse($"Round {roundName} has no reminders in {database}: draft it first (run, or reminders draft --round {roundName}).");
        }

        await SendReportView.WriteAsync(report, $"Round {roundName}", settings.Smtp.MaxAttempts);
        return report.AllDelivered ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static long Count(Dictionary<string, long> counts, string name) => counts.GetValueOrDefault(name);
}
