using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Dashboard;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Runs;

/// <summary>What the pipeline records as a run's outputs, and which output folders it refuses.</summary>
public sealed class RunOutputsTests
{
    private static BatchCycleSettings Settings() => new()
    {
        Year = 2025,
        Cycles = { ["2025"] = new CycleDates { Opens = new DateOnly(2025, 5, 14), Closes = new DateOnly(2025, 7, 21) } },
    };

    private static Task<RunResult> RunAsync(TempFolder temp, string outFolder, string databasePath, IReadOnlyList<string>? protectedPaths = null, params (string, string)[] files)
    {
        Directory.CreateDirectory(temp.Combine("in"));
        var pipeline = new CyclePipeline(Settings(), BatchCycleDatabase.Sqlite(databasePath), [new RunDownloadTests.WritingStage(files)], NullLoggerFactory.Instance)
        {
            ProtectedPaths = protectedPaths ?? [],
        };
        return pipeline.RunAsync(new RunRequest(temp.Combine("in"), outFolder, 2025, new DateOnly(2025, 8, 1), "test"), CancellationToken.None);
    }

    [Fact]
    public async Task Files_already_in_the_folder_are_recorded_only_when_rewritten_and_links_never()
    {
        using var temp = new TempFolder();
        var outFolder = temp.Combine("out");
        Directory.CreateDirectory(Path.Combine(outFolder, "results"));
        File.WriteAllText(Path.Combine(outFolder, "old.txt"), "an earlier run's");
        File.WriteAllText(Path.Combine(outFolder, "results", "outcomes.csv"), "old");
        File.SetLastWriteTimeUtc(Path.Combine(outFolder, "results", "outcomes.csv"), DateTime.UtcNow.AddDays(-1));
        Directory.CreateDirectory(temp.Combine("secrets"));
        File.WriteAllText(temp.Combine("secrets", "key.xml"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(outFolder, "linked"), temp.Combine("secrets"));

        var result = await RunAsync(temp, outFolder, temp.Combine("db", "cycle.db"), null, ("results/outcomes.csv", "new,content\n"), ("results/.work.tmp", "x"), ("linked/planted.txt", "via link"));

        Assert.True(result.Completed, result.Error);
        await using var db = BatchCycleDatabase.Sqlite(temp.Combine("db", "cycle.db")).Open();
        var recorded = db.Set<RunOutputFile>().Where(f => f.RunId == result.RunId).ToList();
        Assert.Equal(["results/outcomes.csv", "run-summary.json"], recorded.Select(f => f.RelativePath).Order(StringComparer.Ordinal));
        var outcomes = recorded.Single(f => f.RelativePath == "results/outcomes.csv");
        Assert.Equal("writing", outcomes.Stage);
        Assert.Equal(12, outcomes.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("new,content\n"u8)), outcomes.Sha256);
        Assert.Equal(RunOutputs.SummaryStage, recorded.Single(f => f.RelativePath == "run-summary.json").Stage);
    }

    /// <summary>Writes a file, then fails, as a stage cut off after part of its work would.</summary>
    private sealed class FailingStage(string relativePath) : IPipelineStage
    {
        public string Name => "certificates";

        public async Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
        {
            await File.WriteAllTextAsync(run.OutPath([.. relativePath.Split('/')]), "%PDF-1.7 part", cancellationToken);
            throw new IOException("The disk is full.");
        }
    }

    [Fact]
    public async Task A_resumed_run_takes_over_what_an_earlier_run_left_in_the_stage_folders_and_nothing_else()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        var outFolder = temp.Combine("out");
        var databasePath = temp.Combine("cycle.db");
        var request = new RunRequest(temp.Combine("in"), outFolder, 2025, new DateOnly(2025, 8, 1), "test");
        var first = await new CyclePipeline(Settings(), BatchCycleDatabase.Sqlite(databasePath), [new FailingStage("certificates/2025-M-0001.pdf")], NullLoggerFactory.Instance)
            .RunAsync(request, CancellationToken.None);
        Assert.Equal(RunState.Failed, first.State);
        File.WriteAllText(Path.Combine(outFolder, "notes.txt"), "dropped in between");
        Directory.CreateDirectory(Path.Combine(outFolder, "other"));
        File.WriteAllText(Path.Combine(outFolder, "other", "x.txt"), "dropped in between");

        var second = await RunAsync(temp, outFolder, databasePath);

        Assert.True(second.Completed, second.Error);
        await using var db = BatchCycleDatabase.Sqlite(databasePath).Open();
        var firstFiles = db.Set<RunOutputFile>().Where(f => f.RunId == first.RunId).Select(f => f.RelativePath).ToList();
        Assert.Equal(["run-summary.json"], firstFiles);
        var secondFiles = db.Set<RunOutputFile>().Where(f => f.RunId == second.RunId).ToDictionary(f => f.RelativePath, f => f.Stage);
        Assert.Equal(["certificates/2025-M-0001.pdf", "run-summary.json"], secondFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RunOutputs.EarlierRunStage, secondFiles["certificates/2025-M-0001.pdf"]);
    }

    [Theory]
    [InlineData("db-inside")]
    [InlineData("data-inside")]
    [InlineData("keys-inside")]
    public async Task An_output_folder_holding_the_database_the_data_folder_or_the_keys_is_refused_before_the_run(string layout)
    {
        using var temp = new TempFolder();
        var outFolder = temp.Combine("work");
        var databasePath = layout == "db-inside" ? Path.Combine(outFolder, "data", "cycle.db") : temp.Combine("cycle.db");
        var dataFolder = layout == "keys-inside" ? temp.Combine("work-data") : Path.Combine(outFolder, "data");
        Directory.CreateDirectory(Path.Combine(dataFolder, "keys"));
        if (layout == "keys-inside")
        {
            outFolder = Path.Combine(dataFolder, "keys");
        }

        var refused = await Assert.ThrowsAsync<OutFolderRefusedException>(() => RunAsync(temp, outFolder, databasePath, [dataFolder, Path.Combine(dataFolder, "keys")]));

        Assert.Contains($"'{outFolder}'", refused.Message);
        Assert.Contains("输出文件夹", refused.Message);
        Assert.False(File.Exists(databasePath));
    }

    [Fact]
    public async Task The_command_line_refuses_an_output_folder_holding_the_dashboard_data_folder_with_exit_2()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        Directory.CreateDirectory(temp.Combine("data", "keys"));

        var result = await ProgramRunner.RunAsync(temp.Path, "run", "--input", "in", "--out", ".", "--db", temp.Combine("elsewhere", "cycle.db"), "--year", "2025");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{temp.Path}'", result.StdErr);
        Assert.Contains("keeps to itself", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
