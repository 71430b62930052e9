using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BatchCycle.Benchmarks;

/// <summary>The machine a benchmark ran on: what a reader needs to compare figures from another machine.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGigabytes)
{
    public static MachineInfo Current() => new(Environment.ProcessorCount, CpuModel(), MemoryGigabytesTotal());

    /// <summary>The load average over the last minute: other work on the machine slows every figure taken with it.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : double.NaN;

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    private static double MemoryGigabytesTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }
}

/// <summary>One measured run of one scale, with the output floor of the files it wrote.</summary>
public sealed record RunMeasurement(
    double WallSeconds,
    double PeakMegabytes,
    double ChildrenPeakMegabytes,
    double ParseFloorSeconds,
    double OutputFloorSeconds,
    int OutputFiles,
    double OutputMegabytes,
    IReadOnlyDictionary<string, double?> StageSeconds,
    double LoadAverage)
{
    /// <summary>How many times the least cost of reading its input and writing its outputs the run takes.</summary>
    public double RatioToFloors => WallSeconds / (ParseFloorSeconds + OutputFloorSeconds);

    /// <summary>How many times the parse floor the import stage takes (issue 22 sets a goal for it).</summary>
    public double? ImportRatio => StageSeconds.GetValueOrDefault("import") / ParseFloorSeconds;

    /// <summary>How many times the parse floor the screening stage takes (issue 22 sets a goal for it).</summary>
    public double? ScreeningRatio => StageSeconds.GetValueOrDefault("screening") / ParseFloorSeconds;
}

/// <summary>The medians over the runs of one scale.</summary>
public sealed record ScaleResult(int Scale, int Applications, string Format, long Cells, IReadOnlyList<RunMeasurement> Runs)
{
    public double WallSeconds => Median(Runs.Select(r => r.WallSeconds));

    public double PeakMegabytes => Median(Runs.Select(r => r.PeakMegabytes));

    public double ChildrenPeakMegabytes => Median(Runs.Select(r => r.ChildrenPeakMegabytes));

    public double ParseFloorSeconds => Median(Runs.Select(r => r.ParseFloorSeconds));

    public double OutputFloorSeconds => Median(Runs.Select(r => r.OutputFloorSeconds));

    public double OutputFiles => Median(Runs.Select(r => (double)r.OutputFiles));

    public double OutputMegabytes => Median(Runs.Select(r => r.OutputMegabytes));

    /// <summary>How many times the parse floor the whole run takes.</summary>
    public double Ratio => WallSeconds / ParseFloorSeconds;

    /// <summary>How many times the least cost of reading its input and writing its outputs the whole run takes.</summary>
    public double RatioToFloors => WallSeconds / (ParseFloorSeconds + OutputFloorSeconds);

    public double? ImportRatio => MedianOrNull(Runs.Select(r => r.ImportRatio));

    public double? ScreeningRatio => MedianOrNull(Runs.Select(r => r.ScreeningRatio));

    public double MillisecondsPerApplication => WallSeconds * 1000 / Applications;

    public double LoadAverage => Median(Runs.Select(r => r.LoadAverage));

    public IReadOnlyList<string> StageNames => [.. Runs.SelectMany(r => r.StageSeconds.Keys).Distinct()];

    public double? StageSeconds(string stage) => MedianOrNull(Runs.Select(r => r.StageSeconds.GetValueOrDefault(stage)));

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToList();
        return known.Count == 0 ? null : Median(known);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>The table a benchmark prints, and the same figures as <c>benchmark.json</c> and <c>benchmark.md</c>.</summary>
public sealed record BenchmarkReport(MachineInfo Machine, string Certificates, IReadOnlyList<ScaleResult> Scales)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Table()
    {
        var stages = Scales.SelectMany(s => s.StageNames).Distinct().ToList();
        var header = new List<string> { "scale", "applications", "wall s", "peak MB" };
        header.AddRange(stages.Select(s => s + " s"));
        // The columns of earlier versions keep their order; the output floor and the ratios after it were added later.
        header.AddRange(["parse floor s", "ratio", "ms/application", "output floor s", "ratio to floors", "import ratio", "screening ratio", "load avg"]);
        var rows = Scales.Select(s =>
        {
            var row = new List<string> { F(s.Scale), F(s.Applications), F(s.WallSeconds, "0.00"), F(s.PeakMegabytes, "0") };
            row.AddRange(stages.Select(stage => s.StageSeconds(stage) is { } seconds ? F(seconds, "0.00") : "-"));
            row.AddRange([F(s.ParseFloorSeconds, "0.00"), F(s.Ratio, "0.0"), F(s.MillisecondsPerApplication, "0.000"), F(s.OutputFloorSeconds, "0.00"), F(s.RatioToFloors, "0.0")]);
            row.AddRange([s.ImportRatio is { } import ? F(import, "0.0") : "-", s.ScreeningRatio is { } screening ? F(screening, "0.0") : "-", F(s.LoadAverage, "0.0")]);
            return row;
        }).ToList();

        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select(_ => "---:|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    public string Markdown() =>
        string.Create(CultureInfo.InvariantCulture, $"# BatchCycle benchmark\n\nMachine: {Machine.Cores} cores, {Machine.Cpu}, {Machine.MemoryGigabytes:0.0} GiB memory. ") +
        $"Figures are medians of {Scales.FirstOrDefault()?.Runs.Count ?? 0} run(s); certificates: {Certificates}.\n\n" + Table();

    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            machine = Machine,
            certificates = Certificates,
            scales = Scales.Select(s => new
            {
                scale = s.Scale,
                applications = s.Applications,
                format = s.Format,
                cells = s.Cells,
                wallSeconds = s.WallSeconds,
                peakMegabytes = s.PeakMegabytes,
                childrenPeakMegabytes = s.ChildrenPeakMegabytes,
                parseFloorSeconds = s.ParseFloorSeconds,
                outputFloorSeconds = s.OutputFloorSeconds,
                outputFiles = s.OutputFiles,
                outputMegabytes = s.OutputMegabytes,
                ratio = s.Ratio,
                ratioToFloors = s.RatioToFloors,
                importRatio = s.ImportRatio,
                screeningRatio = s.ScreeningRatio,
                millisecondsPerApplication = s.MillisecondsPerApplication,
                loadAverage = s.LoadAverage,
                stages = s.StageNames.ToDictionary(n => n, s.StageSeconds),
                runs = s.Runs,
            }),
        },
        Json);

    private static string F(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
