using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace BatchCycle.Cli;

/// <summary>
/// A progress bar per stage while a run works, for a person at a terminal. It follows the stage rows the pipeline
/// records in the database (state and progress, as the dashboard does), so it shows what the run itself reports.
/// </summary>
public static class RunProgressView
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public static async Task<T> FollowAsync<T>(
        IAnsiConsole console, TerminalText text, BatchCycleDatabase database, IReadOnlyList<string> stages, Task<long> runCreated, Task<T> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = stages.ToDictionary(s => s, s => context.AddTask(Markup.Escape(Description(text, s)), autoStart: false, maxValue: 1), StringComparer.Ordinal);
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(PollEvery));
                    await UpdateAsync(database, runCreated, tasks);
                }

                await UpdateAsync(database, runCreated, tasks);
                return await run;
            });
    }

    /// <summary>The stage's name in Chinese and English from the catalogue; a stage it does not know keeps its own name.</summary>
    public static string Description(TerminalText text, string stage)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(stage);
        var key = "Stage" + char.ToUpperInvariant(stage[0]) + stage[1..];
        return TerminalText.Catalogue.GetString(key, System.Globalization.CultureInfo.InvariantCulture) is null ? stage : text.Both(key);
    }

    private static async Task UpdateAsync(BatchCycleDatabase database, Task<long> runCreated, Dictionary<string, ProgressTask> tasks)
    {
        if (!runCreated.IsCompletedSuccessfully)
        {
            return;
        }

        List<RunStageRecord> rows;
        try
        {
            await using var db = database.Open();
            rows = await db.RunStages.AsNoTracking().Where(s => s.RunId == runCreated.Result).ToListAsync();
        }
        catch (System.Data.Common.DbException)
        {
            // The run holds the database for a moment (a large transaction); the next look shows where it is.
            return;
        }

        foreach (var row in rows)
        {
            if (!tasks.TryGetValue(row.Stage, out var task))
            {
                continue;
            }

            if (row.State != StageState.Pending && !task.IsStarted)
            {
                task.StartTask();
            }

            task.Value = row.State == StageState.Completed ? 1 : row.Progress;
            if (row.State is StageState.Completed or StageState.Failed && !task.IsFinished)
            {
                task.StopTask();
            }
        }
    }
}
