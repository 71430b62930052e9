using BatchCycle.Runs;

namespace BatchCycle.Tests.Dashboard;

/// <summary>A stage that reports half progress and then waits until the test releases it.</summary>
public sealed class HeldStage : IRunStage
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int active;

    public string Name => "held";

    public int MostActiveAtOnce { get; private set; }

    public Task Entered => entered.Task;

    public void Release() => release.TrySetResult();

    public async Task<StageOutcome> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        MostActiveAtOnce = Math.Max(MostActiveAtOnce, Interlocked.Increment(ref active));
        try
        {
            run.ReportProgress(0.5);
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
            return StageOutcome.Of(("applications", 3));
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }
}
