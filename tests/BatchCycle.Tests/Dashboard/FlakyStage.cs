using BatchCycle.Pipeline;
using BatchCycle.Runs;


namespace BatchCycle.Tests.Dashboard;

/// <summary>A stage that fails its first <paramref name="failures"/> attempts (as a full disk would) and then succeeds; it counts its attempts.</summary>
public sealed class FlakyStage(string name, int failures) : IPipelineStage
{
    private int attempts;
    private int failing = failures;

    public string Name => name;

    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>From now on the stage succeeds (the disk was cleared).</summary>
    public void Heal() => Volatile.Write(ref failing, 0);

    public Task<StageResult<PipelineState>> RunAsync(RunContext run, PipelineState state, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref attempts);
        return attempt <= Volatile.Read(ref failing)
            ? throw new IOException($"{name} attempt {attempt}: no space left on device")
            : Task.FromResult(StageOutcome.Of(("attempts", attempt)).WithWarnings([$"{name} needed {attempt} attempt(s)"]).With(state));
    }
}
