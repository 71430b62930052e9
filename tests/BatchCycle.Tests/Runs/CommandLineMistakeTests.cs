using System.Runtime.Versioning;
using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Runs;

/// <summary>
/// Paths and options the program cannot use are the user's mistakes: one line on standard error naming the path or
/// option and what is wrong, exit code 2 (README, exit codes), no stack trace. The tests run as root, which the
/// mode bits do not stop, so "read-only" is made of a mode granting no one write access (refused by the program as
/// its owner's intent), and of /proc, which the system itself refuses.
/// </summary>
public sealed class CommandLineMistakeTests
{
    [Theory]
    [InlineData("run --input in --out a-file --db run.db", "a-file", "is a file, not a folder")]
    [InlineData("run --input in --out read-only --db run.db", "read-only", "is read-only (mode 555)")]
    [InlineData("run --input in --out read-only/new --db run.db", "read-only", "is read-only (mode 555)")]
    [InlineData("run --input in --out /proc/batchcycle-out --db run.db", "/proc", "is read-only")]
    [InlineData("run --input in --out out --db read-only.db", "read-only.db", "is read-only (mode 444)")]
    [InlineData("run --input in --out out --db read-only/new.db", "read-only", "is read-only (mode 555)")]
    [InlineData("run --input in --out out --db in", "in", "is a folder")]
    [InlineData("run --input in --out out --db a-file/run.db", "a-file", "is a file, not a folder")]
    [InlineData("reminders draft --input in --out a-file --round second --db run.db", "a-file", "is a file, not a folder")]
    [InlineData("reminders send --db read-only.db", "read-only.db", "is read-only (mode 444)")]
    [InlineData("reminders send --db a-file/run.db", "a-file", "is a file, not a folder")]
    [InlineData("serve --urls http://127.0.0.1:0 --db read-only.db", "read-only.db", "is read-only (mode 444)")]
    [InlineData("serve --urls http://127.0.0.1:0 --db in", "in", "is a folder")]
    [InlineData("run --input in --out out --db run.db --year abc", "--year 'abc'", "is not a year")]
    [InlineData("run --input in --db run.db", "--out", "is required")]
    [InlineData("run --input in --out out --db run.db --colour blue", "--colour", "Unrecognized")]
    [SupportedOSPlatform("linux")] // read-only is made with Unix modes and /proc
    public async Task A_path_or_option_the_program_cannot_use_is_one_line_and_exit_code_2(string arguments, string named, string problem)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("in"));
        File.WriteAllText(temp.Combine("a-file"), "not a folder");
        File.WriteAllText(temp.Combine("read-only.db"), "");
        File.SetUnixFileMode(temp.Combine("read-only.db"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Directory.CreateDirectory(temp.Combine("read-only"));
        File.SetUnixFileMode(temp.Combine("read-only"), (UnixFileMode)0b101_101_101);

        var result = await ProgramRunner.RunAsync(temp.Path, arguments.Split(' '));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Combine("read-only")));
    }

    [Fact]
    public async Task A_stage_failing_on_an_unusable_output_folder_is_a_failed_run_not_a_second_failure_writing_its_summary()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a-file"), "not a folder");
        var settings = new BatchCycleSettings { Cycles = { ["2025"] = new CycleDates { Opens = new(2025, 5, 14), Closes = new(2025, 7, 21) } } };
        var pipeline = new CyclePipeline(settings, BatchCycleDatabase.Sqlite(temp.Combine("run.db")), [new WritesOutput()], NullLoggerFactory.Instance);

        var result = await pipeline.RunAsync(new RunRequest(temp.Path, temp.Combine("a-file"), 2025, new DateOnly(2025, 5, 20), "test"), CancellationToken.None);

        Assert.Equal(RunState.Failed, result.State);
        Assert.Contains("The writes-output stage failed", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A stage that writes into the output folder, as every real stage does.</summary>
    private sealed class WritesOutput : IPipelineStage
    {
        public string Name => "writes-output";

        public Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
        {
            File.WriteAllText(run.OutPath("results", "out.csv"), "x");
            return Task.FromResult(StageOutcome.Of().With(state));
        }
    }
}
