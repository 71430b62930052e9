using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BatchCycle.Benchmarks;
using BatchCycle.Dashboard.Runs;
using BatchCycle.Messages;
using BatchCycle.Samples;

namespace BatchCycle.Cli;

/// <summary>
/// <c>benchmark [--scales 1000,10000,100000] [--format csv|xlsx] [--runs 3] [--work &lt;folder&gt;] [--seed S] [--pdf]</c>:
/// generates a synthetic cycle per scale (not timed; reused when the work folder already holds it), then measures
/// the parse floor and the whole <c>run</c> in a child process, and prints the medians as a table.
/// <c>benchmark --certificates 500 [--runs 3] [--work &lt;folder&gt;]</c> instead times printing that many PDF certificates.
/// <c>benchmark --applications-view 100000 [--runs 5] [--work &lt;folder&gt;]</c> instead times the dashboard's applications list pages.
/// </summary>
public static class BenchmarkCommand
{
    /// <summary>Written beside a generated cycle's folder once it is complete (outside it, where the import would report it), so a generation that stopped half-way is never reused.</summary>
    private const string GeneratedMarker = "generated.json";

    public static Command Create()
    {
        var scales = new Option<string>("--scales") { Description = "Comma-separated numbers of applications, one benchmark each.", DefaultValueFactory = _ => "1000,10000,100000" };
        var format = new Option<string>("--format") { Description = "csv or xlsx: the format of the generated input files.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var runs = new Option<int>("--runs") { Description = "Runs per scale; the table shows their median.", DefaultValueFactory = _ => 3 };
        var work = new Option<string>("--work") { Description = "Folder for generated cycles, run outputs and benchmark.json/.md.", DefaultValueFactory = _ => "benchmark" };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated cycles.", DefaultValueFactory = _ => 1 };
        var pdf = new Option<bool>("--pdf") { Description = "Print certificates as PDF with Chromium (when installed); by default they are written as HTML so the figures measure the pipeline, not Chromium." };
        var certificates = new Option<int?>("--certificates") { Description = "Instead of the scales, time printing this many PDF certificates (and the combined document) with Chromium." };
        var applicationsView = new Option<int?>("--applications-view") { Description = "Instead of the scales, time the dashboard's applications list pages on one run of this many synthetic applications." };
        var command = new Command("benchmark", "Measure the whole run against the time merely to parse its input, at several scales.")
        {
            scales, format, runs, work, seed, pdf, certificates, applicationsView,
        };
        command.SetAction((parse, cancellationToken) => parse.GetValue(certificates) is { } count
            ? CertificatesAsync(count, parse.GetValue(runs), parse.GetValue(work)!, cancellationToken)
            : parse.GetValue(applicationsView) is { } applications
            ? ApplicationsViewAsync(applications, parse.GetValue(runs), parse.GetValue(work)!, cancellationToken)
            : ExecuteAsync(
            parse.GetValue(scales)!,
            parse.GetValue(format)!,
            parse.GetValue(runs),
            parse.GetValue(work)!,
            parse.GetValue(seed),
            parse.GetValue(pdf),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string scalesText, string format, int runs, string work, int seed, bool pdf, CancellationToken cancellationToken)
    {
        if (ParseScales(scalesText, out var scales) is { } problem)
        {
            return ExitCodes.Refuse(problem);
        }

        if (scales.Count == 0 || runs < 1)
        {
            return ExitCodes.Refuse("--scales needs at least one number and --runs at least 1.");
        }

        var settings = AppConfiguration.Settings(AppConfiguration.Load());
        var calendar = settings.CalendarFor(settings.Year);
        var folder = Path.GetFullPath(work);
        Directory.CreateDirectory(folder);
        var results = new List<ScaleResult>();
        var spent = new List<string>();
        foreach (var scale in scales)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{format}-{scale}-seed{seed}-{calendar.Year}");
            var input = Path.Combine(folder, "cycle-" + name);
            var generation = EnsureGenerated(input, Path.Combine(folder, "expected-" + name + ".csv"), calendar, scale, seed, format, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Scale {scale:N0}: {generation}"));
            var measurements = await MeasureAsync(new ScaleRuns(folder, name, input, calendar.Year, runs, pdf), spent, cancellationToken);
            if (measurements is null)
            {
                DeleteFolders(spent);
                return ExitCodes.Failed;
            }

            results.Add(new ScaleResult(scale, scale, format, measurements.Value.Cells, measurements.Value.Runs));
        }

        var report = new BenchmarkReport(MachineInfo.Current(), pdf ? "PDF (Chromium)" : "HTML (Chromium not used)", results);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {report.Machine.Cores} cores, {report.Machine.Cpu}, {report.Machine.MemoryGigabytes:0.0} GiB; medians of {runs} run(s); certificates {report.Certificates}."));
        Console.Write(report.Table());
        await File.WriteAllTextAsync(Path.Combine(folder, "benchmark.json"), report.ToJson(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "benchmark.md"), report.Markdown(), cancellationToken);
        Console.WriteLine($"Written: {Path.Combine(folder, "benchmark.json")} and benchmark.md");
        DeleteFolders(spent);
        return ExitCodes.Ok;
    }

    /// <summary>The numbers of <c>--scales</c>; a part that is not a number of applications is the problem returned.</summary>
    private static string? ParseScales(string scalesText, out List<int> scales)
    {
        scales = [];
        foreach (var part in scalesText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) || scale < 1)
            {
                return $"--scales '{scalesText}': '{part}' is not a number of applications (1 or more).";
            }

            scales.Add(scale);
        }

        return null;
    }

    /// <summary>Where one scale's runs read and write, and how many there are.</summary>
    private sealed record ScaleRuns(string Folder, string Name, string Input, int Year, int Runs, bool Pdf);

    /// <summary>Times the parse floor, the whole run in a child process and the output floor of what it wrote, <see cref="ScaleRuns.Runs"/> times; null when a run failed (said on standard error).</summary>
    /// <param name="spent">The folders of output written so far, deleted when the benchmark ends (see <see cref="MeasureRunAsync"/>).</param>
    private static async Task<(long Cells, List<RunMeasurement> Runs)?> MeasureAsync(ScaleRuns scale, List<string> spent, CancellationToken cancellationToken)
    {
        var measurements = new List<RunMeasurement>();
        long cells = 0;
        for (var i = 1; i <= scale.Runs; i++)
        {
            var floor = ParseFloor.Measure(scale.Input, cancellationToken);
            cells = floor.Cells;
            var measurement = await MeasureRunAsync(scale, i, floor, spent, cancellationToken);
            if (measurement is null)
            {
                return null;
            }

            measurements.Add(measurement);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {i}/{scale.Runs}: {measurement.WallSeconds:0.00} s, peak {measurement.PeakMegabytes:0} MB, parse floor {floor.Seconds:0.00} s ({string.Join(", ", measurement.StageSeconds.Select(s => $"{s.Key} {s.Value:0.00} s"))}), ") +
                string.Create(CultureInfo.InvariantCulture,
                $"output floor {measurement.OutputFloorSeconds:0.00} s ({measurement.OutputFiles:N0} files, {measurement.OutputMegabytes:0} MB), ratio to floors {measurement.RatioToFloors:0.0}, load {measurement.LoadAverage:0.0}"));
        }

        return (cells, measurements);
    }

    /// <summary>
    /// One whole run in a child process, then the output floor of what it wrote; null when the run failed (said on
    /// standard error). Each run and each floor writes into a folder of its own, and none is deleted before the benchmark
    /// ends: this file system (ext4 without a journal) passes over the inodes freed in the last minutes when it makes a
    /// file, so deleting a run's 70,000 files made the files written just after up to 8 times slower (20,000 small files:
    /// 1.3–1.6 s, 10.7 s just after deleting 180,000), and the figures depended on what the benchmark itself had deleted.
    /// </summary>
    private static async Task<RunMeasurement?> MeasureRunAsync(ScaleRuns scale, int attempt, ParseFloor.Result floor, List<string> spent, CancellationToken cancellationToken)
    {
        var programDll = Path.Combine(AppContext.BaseDirectory, "BatchCycle.dll");
        // A path that names no executable makes the certificates stage write HTML, as on a machine without Chromium.
        var environment = scale.Pdf
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["BATCHCYCLE_BatchCycle__Chromium"] = Path.Combine(scale.Folder, "no-chromium") };
        var asOf = Days.Iso(new DateOnly(scale.Year, 12, 1));
        var output = Path.Combine(scale.Folder, string.Create(CultureInfo.InvariantCulture, $"out-{scale.Name}-{attempt}"));
        var floorFolder = Path.Combine(scale.Folder, string.Create(CultureInfo.InvariantCulture, $"floor-{scale.Name}-{attempt}"));
        var db = Path.Combine(scale.Folder, "run-" + scale.Name + ".db");
        // What an interrupted benchmark left is cleared first; the run then writes into a new folder.
        DeleteFolders([output, floorFolder]);
        DeleteDatabase(db);
        spent.AddRange([output, floorFolder]);
        var load = MachineInfo.LoadAverage();
        var run = await ChildRun.RunAsync(
            programDll,
            scale.Folder,
            environment,
            ["run", "--input", scale.Input, "--out", output, "--db", db, "--as-of", asOf],
            Path.Combine(output, "run-summary.json"),
            cancellationToken);
        if (run.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"The run of {scale.Name} exited with {run.ExitCode}: {run.StdErr.Trim()}");
            return null;
        }

        var files = OutputFloor.Walk(output);
        // The database is one file: deleting it frees no inodes to pass over.
        DeleteDatabase(db);
        var written = OutputFloor.Replay(files, floorFolder, cancellationToken);
        var stages = run.Stages.ToDictionary(s => s.Name, s => s.Seconds);
        return new RunMeasurement(run.WallSeconds, run.PeakMegabytes, run.ChildrenPeakMegabytes, floor.Seconds, written.Seconds, written.Files.Count, written.Megabytes, stages, load);
    }

    private static async Task<int> CertificatesAsync(int count, int runs, string work, CancellationToken cancellationToken)
    {
        if (count < 1 || runs < 1)
        {
            return ExitCodes.Refuse("--certificates and --runs need at least 1.");
        }

        var settings = AppConfiguration.Settings(AppConfiguration.Load());
        var folder = Path.Combine(Path.GetFullPath(work), "certificates-benchmark");
        var seconds = new List<double>();
        for (var i = 1; i <= runs; i++)
        {
            var load = MachineInfo.LoadAverage();
            var (result, problem) = await CertificatePrintBenchmark.MeasureAsync(settings, count, folder, cancellationToken);
            if (result is null)
            {
                return ExitCodes.Refuse(problem ?? "The certificates were not printed as PDF.");
            }

            seconds.Add(result.Seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {i}/{runs}: {result.Seconds:0.00} s for {count:N0} certificates ({result.Files:N0} PDF files, {result.Megabytes:0.0} MB), load {load:0.0}"));
        }

        Directory.Delete(folder, recursive: true);
        var machine = MachineInfo.Current();
        var sorted = seconds.Order().ToList();
        var median = (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {machine.Cores} cores, {machine.Cpu}; {count:N0} PDF certificates and the combined document: median of {runs} run(s) {median:0.00} s ({median * 1000 / count:0.0} ms a certificate)."));
        return ExitCodes.Ok;
    }

    private static async Task<int> ApplicationsViewAsync(int applications, int runs, string work, CancellationToken cancellationToken)
    {
        if (applications < 1 || runs < 1)
        {
            return ExitCodes.Refuse("--applications-view and --runs need at least 1.");
        }

        var folder = Path.GetFullPath(work);
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"applications-view-{applications}.db"));
        DeleteDatabase(db);
        var report = await ApplicationsViewBenchmark.MeasureAsync(db, applications, runs, cancellationToken);
        DeleteDatabase(db);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{applications:N0} applications filled in {report.FillSeconds:0.0} s; {runs} request(s) per query."));
        Console.WriteLine("| query | matches | median ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var q in report.Queries)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {q.Name} | {q.Total:N0} | {q.MedianMilliseconds:0.0} | {q.MaxMilliseconds:0.0} |"));
        }

        var json = Path.Combine(folder, "applications-view.json");
        await File.WriteAllTextAsync(json, report.ToJson(), cancellationToken);
        Console.WriteLine($"Written: {json}");
        return ExitCodes.Ok;
    }

    /// <summary>Generates the cycle unless the folder already holds one generated with the same parameters.</summary>
    private static string EnsureGenerated(string input, string expected, Cycle.CycleCalendar calendar, int scale, int seed, string format, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(input + "-" + GeneratedMarker);
        var parameters = JsonSerializer.Serialize(new { scale, seed, format, year = calendar.Year, opens = calendar.Opens, closes = calendar.Closes });
        if (File.Exists(marker) && File.ReadAllText(marker) == parameters && Directory.Exists(input))
        {
            return "reusing the generated cycle in " + input;
        }

        File.Delete(marker);
        if (Directory.Exists(input))
        {
            Directory.Delete(input, recursive: true);
        }

        var options = new GeneratorOptions(input, expected, calendar, scale, seed, Enum.Parse<SampleFormat>(format, ignoreCase: true));
        var summary = CycleGenerator.Generate(options, cancellationToken);
        File.WriteAllText(marker, parameters);
        return string.Create(CultureInfo.InvariantCulture, $"generated {summary.Files.Count} files in {input}");
    }

    private static void DeleteFolders(IEnumerable<string> folders)
    {
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Deletes a database file with its journal, write-ahead log and lock beside it.</summary>
    private static void DeleteDatabase(string db)
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*"))
        {
            File.Delete(file);
        }
    }
}
