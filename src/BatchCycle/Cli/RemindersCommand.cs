using System.CommandLine;
using System.Text.Json;
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
        var input = new Option<string>("--input") { Description = "Folder of the cycle's spreadsheets (.xlsx, .xls, .csv).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the drafts (reminders/ or reminders/<round>/).", Required = true };
        var round = new Option<string?>("--round") { Description = "Reminder round, e.g. second; defaults to BatchCycle:Reminders:Round." };
        var year = RunArguments.YearOption("Cycle year; defaults to BatchCycle:Year in appsettings.json.");
        var db = new Option<string?>("--db") { Description = "SQLite database file or PostgreSQL connection string (Host=…;Database=…;Username=…); defaults to BatchCycle:Database." };
        var asOf = new Option<string?>("--as-of") { Description = "The date taken as today (yyyy-MM-dd), for reproducible runs." };
        var command = new Command("draft", "Import the files again and draft a reminder round (nothing is sent).")
        {
            input, output, round, year, db, asOf,
        };
        command.SetAction((parse, cancellationToken) => DraftAsync(
            parse.GetValue(input)!,
            parse.GetValue(output)!,
            parse.GetValue(round),
            parse.GetValue(year),
            parse.GetValue(db),
            parse.GetValue(asOf),
            cancellationToken));
        return command;
    }

    private static Command SendCommand()
    {
        var round = new Option<string?>("--round") { Description = "Reminder round to send; defaults to BatchCycle:Reminders:Round." };
        var db = new Option<string?>("--db") { Description = "SQLite database file or PostgreSQL connection string (Host=…;Database=…;Username=…); defaults to BatchCycle:Database." };
        var retryUncertain = new Option<bool>("--retry-uncertain") { Description = "Send again the messages marked Uncertain (do this only after checking they did not arrive)." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Try again, from attempt one, the messages that failed too often." };
        var command = new Command("send", "Send a round's drafted reminders through the SMTP server in settings; each message at most once.")
        {
            round, db, retryUncertain, retryFailed,
        };
        command.SetAction((parse, cancellationToken) => SendAsync(
            parse.GetValue(round),
            parse.GetValue(db),
            new SendOptions(parse.GetValue(retryUncertain), parse.GetValue(retryFailed)),
            cancellationToken));
        return command;
    }

    private static async Task<int> DraftAsync(string input, string output, string? round, int? year, string? db, string? asOf, CancellationToken cancellationToken)
    {
        if (RunArguments.Problem(input, asOf, out var today) is { } problem)
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

        var database = BatchCycleDatabase.Parse(db ?? settings.Database);
        if ((PathArguments.OutputFolderProblem(output) ?? PathArguments.DatabaseProblem(database)) is { } pathProblem)
        {
            return ExitCodes.Refuse(pathProblem);
        }

        using var loggerFactory = AppConfiguration.Logging(configuration);
        var stages = PipelineStages.Create().Where(s => s.Name == ImportStageName).Append(new ReminderDraftStage(roundName)).ToList();
        var request = new RunRequest(input, output, year ?? settings.Year, today, "cli");
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
        var folder = Path.GetFullPath(Path.Combine([output, .. ReminderRound.FolderParts(roundName, settings.Reminders.Round)]));
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
