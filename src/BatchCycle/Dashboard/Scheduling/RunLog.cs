using System.Globalization;
using System.Text.Json;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// A run's log in a few lines, from what the pipeline recorded: each stage started and done (or failed, with its
/// error), its counts and warnings. The job's page in the job dashboard shows it (the result of a job that
/// completed, the message of one that failed), and so does the run's page.
/// </summary>
public static class RunLog
{
    public static async Task<IReadOnlyList<string>> LinesAsync(BatchCycleDb db, long runId, DashboardClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var run = await db.Runs.AsNoTracking().Include(r => r.Stages).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run is null ? [] : Lines(run, clock);
    }

    public static IReadOnlyList<string> Lines(RunRecord run, DashboardClock clock)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(clock);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Run {run.Id} · cycle {run.Year} · {run.InputFolder} · asked by {run.StartedBy}"),
        };
        foreach (var stage in run.Stages.OrderBy(s => s.Position).Where(s => s.StartedAt is not null))
        {
            lines.Add($"{clock.Format(stage.StartedAt)} {stage.Stage} started");
            var counts = string.Join(", ", Read<Dictionary<string, long>>(stage.CountsJson)?.Select(c => $"{c.Key} {c.Value}") ?? []);
            lines.AddRange((Read<List<string>>(stage.WarningsJson) ?? []).Select(w => $"{clock.Format(stage.FinishedAt)} {stage.Stage} warning: {w}"));
            lines.Add(stage.State switch
            {
                StageState.Completed => $"{clock.Format(stage.FinishedAt)} {stage.Stage} done in {DashboardClock.Duration(stage.StartedAt, stage.FinishedAt)}" + (counts.Length > 0 ? $" ({counts})" : ""),
                StageState.Failed => $"{clock.Format(stage.FinishedAt)} {stage.Stage} failed: {FirstLine(stage.Error)}",
                _ => $"{stage.Stage} {stage.State}",
            });
        }

        lines.Add($"Run {run.State}" + (run.Error is null ? "" : $": {FirstLine(run.Error)}"));
        return lines;
    }

    private static string FirstLine(string? text) => text?.Split('\n', 2)[0].Trim() ?? "";

    private static T? Read<T>(string? json)
        where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json);
}
