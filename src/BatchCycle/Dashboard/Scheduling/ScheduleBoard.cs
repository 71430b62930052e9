using System.Text.Json;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>A schedule as the schedules page shows it.</summary>
public sealed record ScheduleView(
    ScheduleSettings Schedule,
    string CronInWords,
    DateTimeOffset? NextFire,
    DateTimeOffset? PreviousFire,
    RunRecord? LastRun,
    bool Paused);

/// <summary>
/// Reads and changes the schedules in the running scheduler. Pauses are also written to a small file in the
/// data folder, because the scheduler keeps its triggers in memory and a restart would otherwise resume them.
/// </summary>
public sealed class ScheduleBoard(DashboardOptions options, ISchedulerFactory schedulers)
{
    private readonly Lock fileGate = new();

    private string PausedFile => Path.Combine(options.DataFolder, "paused-schedules.json");

    public static TriggerKey TriggerKeyOf(string scheduleName) => new(scheduleName, CyclePipelineJob.ScheduleGroup);

    public ScheduleSettings? Find(string name) => options.Schedules.SingleOrDefault(s => s.Name == name);

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await using var db = BatchCycleDb.Open(options.DatabasePath);
        var views = new List<ScheduleView>();
        foreach (var schedule in options.Schedules)
        {
            var key = TriggerKeyOf(schedule.Name);
            var trigger = await scheduler.GetTrigger(key, cancellationToken);
            var state = await scheduler.GetTriggerState(key, cancellationToken);
            var startedBy = RunLauncher.ScheduleStartedBy(schedule.Name);
            var lastRun = await db.Runs.AsNoTracking()
                .Where(r => r.StartedBy == startedBy || r.StartedBy.EndsWith("(" + startedBy + ")"))
                .OrderByDescending(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            views.Add(new ScheduleView(
                schedule,
                CronDescriber.Describe(schedule.Cron),
                state == TriggerState.Paused ? null : trigger?.NextFireTimeUtc,
                trigger?.PreviousFireTimeUtc,
                lastRun,
                state == TriggerState.Paused));
        }

        return views;
    }

    public async Task PauseAsync(string name, bool paused, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (paused)
        {
            await scheduler.PauseTrigger(TriggerKeyOf(name), cancellationToken);
        }
        else
        {
            await scheduler.ResumeTrigger(TriggerKeyOf(name), cancellationToken);
        }

        lock (fileGate)
        {
            var names = ReadPaused();
            if (paused)
            {
                names.Add(name);
            }
            else
            {
                names.Remove(name);
            }

            Directory.CreateDirectory(options.DataFolder);
            File.WriteAllText(PausedFile, JsonSerializer.Serialize(names.Order(StringComparer.Ordinal)));
        }
    }

    /// <summary>Pauses again, after a restart, the schedules the secretariat had paused.</summary>
    public async Task RestorePausesAsync(CancellationToken cancellationToken)
    {
        HashSet<string> names;
        lock (fileGate)
        {
            names = ReadPaused();
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var schedule in options.Schedules.Where(s => names.Contains(s.Name)))
        {
            await scheduler.PauseTrigger(TriggerKeyOf(schedule.Name), cancellationToken);
        }
    }

    private HashSet<string> ReadPaused() =>
        File.Exists(PausedFile)
            ? JsonSerializer.Deserialize<HashSet<string>>(File.ReadAllText(PausedFile)) ?? []
            : [];
}
