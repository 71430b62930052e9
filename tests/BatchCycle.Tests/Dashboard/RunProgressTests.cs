using BatchCycle.Dashboard.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;

namespace BatchCycle.Tests.Dashboard;

public sealed class RunProgressTests
{
    [Theory]
    [InlineData(RunState.Running, 0, false, true)]
    [InlineData(RunState.Completed, 0, false, true)]
    [InlineData(RunState.Failed, 0, false, true)]
    [InlineData(RunState.Completed, 0, true, false)]
    [InlineData(RunState.Completed, 120, false, false)]
    [InlineData(RunState.Interrupted, 0, false, false)]
    public void A_run_is_followed_while_it_runs_and_until_its_summary_is_written(RunState state, int finishedSecondsAgo, bool summaryWritten, bool active)
    {
        using var temp = new TempFolder();
        if (summaryWritten)
        {
            File.WriteAllText(temp.Combine("run-summary.json"), "{}");
        }

        var run = new RunRecord
        {
            State = state,
            StartedAt = DateTime.UtcNow.AddMinutes(-5),
            FinishedAt = state == RunState.Running ? null : DateTime.UtcNow.AddSeconds(-finishedSecondsAgo),
            OutFolder = temp.Path,
        };

        Assert.Equal(active, RunProgress.Of(run).Active);
    }
}
