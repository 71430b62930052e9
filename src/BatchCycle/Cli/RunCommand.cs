using System.CommandLine;
using BatchCycle.Dashboard;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Spectre.Console;

namespace BatchCycle.Cli;

/// <summary><c>run --input &lt;folder&gt; --out &lt;folder&gt; [--year] [--db] [--as-of]</c>: the whole cycle once.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var options = new RunOptions("Folder for results, workbook, certificates and reminders.");
        var command = new Command("run", "Import, screen, write the panel workbook, issue certificates and draft reminders.")
        {
            options.Input, options.Output, options.Year, options.Database, options.AsOf,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(options.Read(parse), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(RunArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Problem(out var today) is { } problem)
        {
            return ExitCodes.Refuse(problem);
        }

        var configuration = AppConfiguration.Load();
        var settings = AppConfiguration.Settings(configuration);
        var text = TerminalText.ForLanguage(configuration[TerminalText.LanguageSetting]);

        // At a terminal the stages are shown as progress bars, and log lines on the same screen would tear them:
        // only errors are logged there (warnings are repeated in the summary). Piped or in CI, the log lines stay.
        var atTerminal = !Console.IsOutputRedirected;
        var console = CreateConsole(atTerminal);
        using var loggerFactory = AppConfiguration.Logging(configuration, atTerminal && !Console.IsErrorRedirected ? LogEventLevel.Error : LogEventLevel.Verbose);
        var databasePath = arguments.Database(settings);
        if (arguments.PathProblem(settings) is { } pathProblem)
        {
            return ExitCodes.Refuse(pathProblem);
        }

        var request = arguments.Request(settings, today);
        var runCreated = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = new CyclePipeline(settings, databasePath, PipelineStages.Create(), loggerFactory)
        {
            // A run started beside the dashboard must not write into, nor offer for download, its data folder.
            ProtectedPaths = DashboardOptions.ProtectedPathsOf(DashboardSettings.From(configuration).DataFolder),
            RunCreated = id => runCreated.TrySetResult(id),
        };
        var running = pipeline.RunAsync(request, cancellationToken);

        // A run refused (another holds the database) never starts, and shows no bars.
        await Task.WhenAny(runCreated.Task, running);
        var result = atTerminal && runCreated.Task.IsCompletedSuccessfully
            ? await RunProgressView.FollowAsync(console, text, databasePath, [.. pipeline.Stages.Select(s => s.Name)], runCreated.Task, running)
            : await running;
        if (result.RunId is null)
        {
            return ExitCodes.Busy(result.Error!);
        }

        if (!result.Completed)
        {
            await Console.Error.WriteLineAsync(text.Zh("RunNotCompleted", result.RunId, result.Error));
            await Console.Error.WriteLineAsync(TerminalText.En("RunNotCompleted", result.RunId, result.Error));
            return ExitCodes.Failed;
        }

        var output = arguments.Output;
        var report = await RunReport.ReadAsync(databasePath, result.RunId.Value, output, settings, cancellationToken);
        LogActionWarnings(loggerFactory.CreateLogger(typeof(RunCommand)), report);
        RunReportView.Write(console, text, report, settings.Reminders.Round);
        console.WriteLine(text.Zh("RunCompleted", result.RunId, Path.GetFullPath(output)));
        console.WriteLine(TerminalText.En("RunCompleted", result.RunId, Path.GetFullPath(output)));
        return ExitCodes.Ok;
    }

    private static IAnsiConsole CreateConsole(bool atTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (!atTerminal)
        {
            // Written to a file or a pipe, a line is as long as it needs to be: paths stay whole.
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>The warnings the summary repeats go to the log as well, for runs nobody watches.</summary>
    private static void LogActionWarnings(ILogger logger, RunReport report)
    {
        if (report.LoopbackVerifyUrl is { } url)
        {
            logger.LogWarning("{Warning}", TerminalText.En("WarningLoopback", url));
        }

        if (report.DeadlinePassed is { } closes)
        {
            logger.LogWarning("{Warning}", TerminalText.En("WarningDeadlinePast", Days.English(closes), report.Year, Days.English(report.AsOf)));
        }
    }
}
