using BatchCycle.Runs;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// At start-up no dashboard run can be active yet, so when the run lock is free every run still marked
/// running was cut off by a crash; marking them now shows them as interrupted (with Resume) straight away
/// instead of only when the next run starts. Mirrors the pipeline's own check, which runs under the same lock.
/// </summary>
public static class InterruptedRuns
{
    public static async Task<int> MarkAsync(string databasePath, CancellationToken cancellationToken)
    {
        using var runLock = await RunLock.TryAcquireAsync(databasePath, TimeSpan.Zero, cancellationToken);
        if (runLock is null)
        {
            // A command-line run holds the database: its runs are alive, and it marks stale ones itself.
            return 0;
        }

        await using var db = BatchCycleDb.Open(databasePath);
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
