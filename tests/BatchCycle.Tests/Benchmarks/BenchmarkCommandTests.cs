using System.Globalization;
using System.Text.Json;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Benchmarks;

/// <summary>The benchmark verb at a tiny scale: not timed, only checked to measure and report what it promises.</summary>
public sealed class BenchmarkCommandTests
{
    [Fact]
    public async Task A_tiny_benchmark_prints_the_table_and_writes_its_figures_and_reuses_the_generated_cycle()
    {
        using var temp = new TempFolder();
        string[] args = ["benchmark", "--scales", "200", "--runs", "1", "--work", temp.Combine("work")];

        var first = await ProgramRunner.RunAsync(temp.Path, args);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("| scale | applications | wall s | peak MB |", first.StdOut);
        Assert.Contains("| parse floor s | ratio | ms/application |", first.StdOut);
        Assert.Contains("| output floor s | ratio to floors | import ratio | screening ratio | load avg |", first.StdOut);
        Assert.Contains("output floor ", first.StdOut.Split('\n').Single(l => l.StartsWith("  run 1/1:", StringComparison.Ordinal)));
        var row = first.StdOut.Split('\n').Single(l => l.StartsWith("| 200 |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal("200", row[2]);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(temp.Combine("work", "benchmark.json")));
        var scale = Assert.Single(json.RootElement.GetProperty("scales").EnumerateArray());
        Assert.Equal(200, scale.GetProperty("applications").GetInt32());
        var wall = scale.GetProperty("wallSeconds").GetDouble();
        var floor = scale.GetProperty("parseFloorSeconds").GetDouble();
        Assert.True(wall > 0 && floor > 0, $"wall {wall}, floor {floor}");
        Assert.Equal(wall / floor, scale.GetProperty("ratio").GetDouble(), 6);
        Assert.Equal(wall * 1000 / 200, scale.GetProperty("millisecondsPerApplication").GetDouble(), 6);
        var outputFloor = scale.GetProperty("outputFloorSeconds").GetDouble();
        Assert.True(outputFloor > 0, $"output floor {outputFloor}");
        Assert.Equal(wall / (floor + outputFloor), scale.GetProperty("ratioToFloors").GetDouble(), 6);
        var run = Assert.Single(scale.GetProperty("runs").EnumerateArray());
        Assert.Equal(outputFloor, run.GetProperty("outputFloorSeconds").GetDouble());
        Assert.Equal(wall / (floor + outputFloor), run.GetProperty("ratioToFloors").GetDouble(), 6);
        Assert.True(run.GetProperty("outputFiles").GetInt32() > 20, "a cycle of 200 applications writes certificates, drafts and result files");
        Assert.Equal(run.GetProperty("stageSeconds").GetProperty("import").GetDouble() / floor, run.GetProperty("importRatio").GetDouble(), 6);
        Assert.Equal(run.GetProperty("stageSeconds").GetProperty("screening").GetDouble() / floor, scale.GetProperty("screeningRatio").GetDouble(), 6);
        // Every run's output and floor are kept until the benchmark ends, then deleted.
        Assert.Empty(Directory.GetDirectories(temp.Combine("work"), "floor-*"));
        Assert.Empty(Directory.GetDirectories(temp.Combine("work"), "out-*"));
        Assert.True(scale.GetProperty("peakMegabytes").GetDouble() > 10);
        Assert.True(scale.GetProperty("cells").GetInt64() > 200);
        var stages = scale.GetProperty("stages").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["import", "screening", "panel", "certificates", "shortlist", "notices", "reminders"], stages);
        Assert.All(scale.GetProperty("stages").EnumerateObject(), s => Assert.True(s.Value.GetDouble() >= 0));
        Assert.Equal(scale.GetProperty("loadAverage").GetDouble().ToString("0.0", CultureInfo.InvariantCulture), row[^2]);
        Assert.True(File.Exists(temp.Combine("work", "benchmark.md")));

        var second = await ProgramRunner.RunAsync(temp.Path, args);

        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("reusing the generated cycle", second.StdOut);
    }
}
