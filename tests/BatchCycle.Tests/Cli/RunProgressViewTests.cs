using BatchCycle.Storage;
using BatchCycle.Cli;
using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;

namespace BatchCycle.Tests.Cli;

/// <summary>The progress display a person at a terminal sees: one bar per stage, following what the pipeline records.</summary>
public sealed class RunProgressViewTests
{
    [Fact]
    public async Task Each_stage_is_shown_by_its_Chinese_and_English_name_and_ends_complete()
    {
        using var temp = new TempFolder();
        var settings = new BatchCycleSettings { Year = 2025, Cycles = { ["2025"] = new CycleDates { Opens = new(2025, 5, 14), Closes = new(2025, 7, 21) } } };
        var database = temp.Combine("run.db");
        var created = new TaskCompletionSource<long>();
        var pipeline = new CyclePipeline(settings, BatchCycleDatabase.Sqlite(database), [new HalfwayStage("import"), new HalfwayStage("screening"), new HalfwayStage("custom")], NullLoggerFactory.Instance)
        {
            RunCreated = id => created.TrySetResult(id),
        };
        // Interactive, as a terminal is: the display is redrawn in place and its last drawing is the finished run.
        var console = new TestConsole().Width(160).Interactive();
        var text = TerminalText.ForLanguage("zh-Hans");

        var result = await RunProgressView.FollowAsync(
            console,
            text,
            BatchCycleDatabase.Sqlite(database),
            [.. pipeline.Stages.Select(s => s.Name)],
            created.Task,
            pipeline.RunAsync(new RunRequest(temp.Path, temp.Combine("out"), 2025, new DateOnly(2025, 6, 1), "test"), CancellationToken.None));

        Assert.True(result.Completed, result.Error);
        var lines = console.Output.Split('\n');
        foreach (var stage in new[] { "导入 Import", "筛选 Screening", "custom" })
        {
            var last = lines.Last(l => l.Contains(stage, StringComparison.Ordinal));
            Assert.True(last.Contains("100%", StringComparison.Ordinal), last);
        }
    }

    [Theory]
    [InlineData("zh-Hans", "reminders", "续期提示 Renewal reminders")]
    [InlineData("zh-Hant", "reminders", "續期提示 Renewal reminders")]
    [InlineData("zh-Hant", "panel", "評審小組工作簿 Panel workbook")]
    [InlineData(null, "certificates", "证书 Certificates")]
    [InlineData("zh-Hans", "stepped", "stepped")]
    public void A_stage_is_named_in_the_configured_Chinese_and_in_English(string? language, string stage, string expected) =>
        Assert.Equal(expected, RunProgressView.Description(TerminalText.ForLanguage(language), stage));

    /// <summary>A stage that records being half done, then finishes.</summary>
    private sealed class HalfwayStage(string name) : IPipelineStage
    {
        public string Name => name;

        public async Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
        {
            run.ReportProgress(0.5);
            await Task.Delay(300, cancellationToken);
            return StageOutcome.Of(("applications", 1)).With(state);
        }
    }
}
