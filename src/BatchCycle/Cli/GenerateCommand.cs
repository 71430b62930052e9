using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BatchCycle.Samples;

namespace BatchCycle.Cli;

/// <summary>
/// <c>generate --out &lt;folder&gt; [--applications N] [--seed S] [--format csv|xlsx|mixed] [--year Y] [--expected &lt;file&gt;]</c>:
/// writes a synthetic cycle (test data, benchmarks, demonstrations) and the outcomes its screening must give.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Input folder to create; it must not exist or be empty.", Required = true };
        var applications = new Option<int>("--applications") { Description = "Number of applications.", DefaultValueFactory = _ => 47 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed, size, format and year give the same files.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "csv, xlsx or mixed.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx", "mixed");
        var year = RunArguments.YearOption("Cycle year; its dates come from appsettings.json. Defaults to BatchCycle:Year.");
        var expected = new Option<string?>("--expected") { Description = "Expected-outcomes CSV, outside the input folder; defaults to <out>-expected.csv." };
        var command = new Command("generate", "Write a synthetic cycle of input files and the expected screening outcomes.")
        {
            output, applications, seed, format, year, expected,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(
            parse.GetValue(output)!,
            parse.GetValue(applications),
            parse.GetValue(seed),
            parse.GetValue(format)!,
            parse.GetValue(year),
            parse.GetValue(expected),
            cancellationToken)));
        return command;
    }

    private static int Execute(string output, int applications, int seed, string format, int? year, string? expected, CancellationToken cancellationToken)
    {
        if (applications < 1)
        {
            return ExitCodes.Refuse($"--applications must be at least 1, not {applications}.");
        }

        var folder = Path.GetFullPath(output);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return ExitCodes.Refuse($"The folder '{folder}' is not empty; generate into a new or empty folder so no old file is mixed in.");
        }

        var expectedPath = Path.GetFullPath(expected ?? folder.TrimEnd(Path.DirectorySeparatorChar) + "-expected.csv");
        if (expectedPath.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return ExitCodes.Refuse($"--expected '{expectedPath}' lies inside the input folder, where it would be reported as an import issue; put it outside.");
        }

        var settings = AppConfiguration.Settings(AppConfiguration.Load());
        var calendar = settings.CalendarFor(year ?? settings.Year);
        var options = new GeneratorOptions(folder, expectedPath, calendar, applications, seed, Enum.Parse<SampleFormat>(format, ignoreCase: true));
        var clock = Stopwatch.StartNew();
        var summary = CycleGenerator.Generate(options, cancellationToken);
        clock.Stop();

        var bytes = summary.Files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated the {calendar.Year} cycle: {summary.Applications} applications in {summary.Files.Count} files ({bytes / 1024.0 / 1024.0:0.0} MB) in {clock.Elapsed.TotalSeconds:0.0} s."));
        foreach (var (kind, rows) in summary.Rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind,-20} {rows.Total,10:N0} rows ({rows.Scenario:N0} scenario, {rows.Filler:N0} filler, {rows.Bad:N0} unreadable on purpose)"));
        }

        Console.WriteLine($"Expected outcomes: {expectedPath}");
        return ExitCodes.Ok;
    }
}
