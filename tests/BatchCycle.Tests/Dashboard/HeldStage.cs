using BatchCycle.Pipeline;
using BatchCycle.Runs;


namespace BatchCycle.Tests.Dashboard;

/// <summary>A stage that reports half progress and then waits until the test releases it.</summary>
public sealed class HeldStage : IPipelineStage
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int active;

    public string Name => "held";

    public int MostActiveAtOnce { get; private set; }

    public Task Entered => entered.Task;

    public void Release() => release.TrySetResult();

    public async Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
    {
        MostActiveAtOnce = Math.Max(MostActiveAtOnce, Interlocked.Increment(ref active));
        try
        {
            run.ReportProgress(0.5);
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
            return StageOutcome.Of(("applications", 3)).With(state);
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }
}
