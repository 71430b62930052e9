using System.CommandLine;
using BatchCycle.Dashboard;
using BatchCycle.Runs;

namespace BatchCycle.Cli;

/// <summary><c>run --input &lt;folder&gt; --out &lt;folder&gt; [--year] [--db] [--as-of]</c>: the whole cycle once.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Folder of the cycle's spreadsheets (.xlsx, .xls, .csv).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for results, workbook, certificates and reminders.", Required = true };
        var year = RunArguments.YearOption("Cycle year; defaults to BatchCycle:Year in appsettings.json.");
        var db = new Option<string?>("--db") { Description = "SQLite database file; defaults to BatchCycle:Database." };
        var asOf = new Option<string?>("--as-of") { Description = "The date taken as today (yyyy-MM-dd), for reproducible runs." };
        var command = new Command("run", "Import, screen, write the panel workbook, issue certificates and draft reminders.")
        {
            input, output, year, db, asOf,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            parse.GetValue(input)!,
            parse.GetValue(output)!,
            parse.GetValue(year),
            parse.GetValue(db),
            parse.GetValue(asOf),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string input, string output, int? year, string? db, string? asOf, CancellationToken cancellationToken)
    {
        if (RunArguments.Problem(input, asOf, out var today) is { } problem)
        {
            return ExitCodes.Refuse(problem);
        }

        var configuration = AppConfiguration.Load();
        var settings = AppConfiguration.Settings(configuration);
        using var loggerFactory = AppConfiguration.Logging(configuration);
        var databasePath = db ?? settings.Database;
        if ((PathArguments.OutputFolderProblem(output) ?? PathArguments.DatabaseProblem(databasePath)) is { } pathProblem)
        {
            return ExitCodes.Refuse(pathProblem);
        }

        var request = new RunRequest(input, output, year ?? settings.Year, today, "cli");
        var pipeline = new CyclePipeline(settings, databasePath, PipelineStages.Create(), loggerFactory)
        {
            // A run started beside the dashboard must not write into, nor offer for download, its data folder.
            ProtectedPaths = DashboardOptions.ProtectedPathsOf(DashboardSettings.From(configuration).DataFolder),
        };
        var result = await pipeline.RunAsync(request, cancellationToken);
        if (result.RunId is null)
        {
            return ExitCodes.Busy(result.Error!);
        }

        if (!result.Completed)
        {
            await Console.Error.WriteLineAsync($"Run {result.RunId} did not complete: {result.Error}");
            return ExitCodes.Failed;
        }

        Console.WriteLine($"Run {result.RunId} completed; outputs in {Path.GetFullPath(output)} (see run-summary.json).");
        return ExitCodes.Ok;
    }
}
