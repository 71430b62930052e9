using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Runs;

/// <summary>
/// Whoever holds the run lock is the only live run, so any other run still marked running was cut off by a
/// crash or a kill: it is marked interrupted, with the stage it was in, and can be resumed.
/// </summary>
public static class InterruptedRuns
{
    /// <summary>
    /// Takes the lock to mark them (the dashboard at start-up, so they show as interrupted straight away);
    /// when a command-line run holds the database, its runs are alive and it marks stale ones itself.
    /// </summary>
    public static async Task<int> MarkAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        using var runLock = await RunLock.TryAcquireAsync(database, TimeSpan.Zero, cancellationToken);
        return runLock is null ? 0 : await MarkWhileHoldingLockAsync(database, cancellationToken);
    }

    /// <summary>For a caller that already holds the run lock.</summary>
    public static async Task<int> MarkWhileHoldingLockAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var stale = await db.Runs.Include(r => r.Stages).Where(r => r.State == RunState.Running).ToListAsync(cancellationToken);
        foreach (var run in stale)
        {
            run.State = RunState.Interrupted;
            run.Error = $"The run stopped during {run.CurrentStage ?? "start-up"} (the process ended before it finished).";
            foreach (var stage in run.Stages.Where(s => s.State == StageState.Running))
            {
                stage.State = StageState.Failed;
                stage.Error = "Interrupted.";
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return stale.Count;
    }
}
