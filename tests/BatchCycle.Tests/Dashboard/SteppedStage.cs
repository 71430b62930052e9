using BatchCycle.Pipeline;
using BatchCycle.Runs;


namespace BatchCycle.Tests.Dashboard;

/// <summary>A stage that reports each of its progress steps and waits for the test before going on.</summary>
public sealed class SteppedStage(params double[] steps) : IPipelineStage
{
    /// <summary>Progress is written at most twice a second; steps further apart than that are all seen.</summary>
    private static readonly TimeSpan BetweenSteps = TimeSpan.FromMilliseconds(600);

    private readonly SemaphoreSlim reached = new(0);
    private readonly SemaphoreSlim proceed = new(0);

    public string Name => "stepped";

    public async Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            run.ReportProgress(step);
            reached.Release();
            await proceed.WaitAsync(cancellationToken);
            await Task.Delay(BetweenSteps, cancellationToken);
        }

        return StageOutcome.Of(("applications", 2)).With(state);
    }

    public Task WaitForStepAsync() => reached.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(t => Assert.True(t.Result, "The stage did not reach its next step."), TaskScheduler.Default);

    public void Proceed() => proceed.Release();
}
