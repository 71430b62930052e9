using BatchCycle.Runs;
using BatchCycle.Storage;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>A schedule as the schedules page shows it, with its last runs and their outcome.</summary>
public sealed record ScheduleView(
    ScheduleSettings Schedule,
    string CronInWords,
    DateTime? NextFire,
    DateTime? PreviousFire,
    IReadOnlyList<RunRecord> LastRuns,
    bool Paused)
{
    public RunRecord? LastRun => LastRuns.Count > 0 ? LastRuns[0] : null;
}

/// <summary>
/// The schedules of the settings as recurring jobs. A paused schedule has no recurring job, and its pause is a row in
/// the product's database, so it stays paused after a restart; resuming registers the recurring job again.
/// </summary>
public sealed class ScheduleBoard(DashboardOptions options, JobStorage storage, IRecurringJobManagerV2 recurring)
{
    public const int ShownRuns = 5;

    public static string RecurringJobId(string scheduleName) => scheduleName;

    public ScheduleSettings? Find(string name) => options.Schedules.SingleOrDefault(s => s.Name == name);

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = options.Database.Open();
        var paused = await PausedAsync(db, cancellationToken);
        Dictionary<string, RecurringJobDto> registered;
        using (var connection = storage.GetConnection())
        {
            registered = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);
        }

        var views = new List<ScheduleView>();
        foreach (var schedule in options.Schedules)
        {
            var startedBy = RunQueue.ScheduleStartedBy(schedule.Name);
            var lastRuns = await db.Runs.AsNoTracking()
                .Where(r => r.StartedBy == startedBy || r.StartedBy.EndsWith("(" + startedBy + ")"))
                .OrderByDescending(r => r.Id)
                .Take(ShownRuns)
                .ToListAsync(cancellationToken);
            var job = registered.GetValueOrDefault(RecurringJobId(schedule.Name));
            views.Add(new ScheduleView(
                schedule,
                CronDescriber.Describe(schedule.Cron),
                paused.Contains(schedule.Name) ? null : job?.NextExecution,
                job?.LastExecution,
                lastRuns,
                paused.Contains(schedule.Name)));
        }

        return views;
    }

    public async Task<bool> IsPausedAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = options.Database.Open();
        return (await PausedAsync(db, cancellationToken)).Contains(name);
    }

    public async Task PauseAsync(ScheduleSettings schedule, string user, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var db = options.Database.Open();
        var pauses = db.Set<SchedulePauseRecord>();
        await pauses.Where(p => p.Name == schedule.Name).ExecuteDeleteAsync(cancellationToken);
        if (paused)
        {
            pauses.Add(new SchedulePauseRecord { Name = schedule.Name, PausedBy = user, PausedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(cancellationToken);
            recurring.RemoveIfExists(RecurringJobId(schedule.Name));
        }
        else
        {
            Register(schedule);
        }
    }

    /// <summary>
    /// At start-up: every schedule of the settings that is not paused becomes a recurring job, and every recurring
    /// job whose schedule was removed from the settings (or paused) is removed.
    /// </summary>
    public void Synchronise()
    {
        HashSet<string> paused;
        using (var db = options.Database.Open())
        {
            paused = PausedAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        var wanted = options.Schedules.Where(s => !paused.Contains(s.Name)).ToList();
        var keep = wanted.Select(s => RecurringJobId(s.Name)).ToHashSet(StringComparer.Ordinal);
        using (var connection = storage.GetConnection())
        {
            foreach (var stale in connection.GetRecurringJobs().Where(j => !keep.Contains(j.Id)))
            {
                recurring.RemoveIfExists(stale.Id);
            }
        }

        foreach (var schedule in wanted)
        {
            Register(schedule);
        }
    }

    private void Register(ScheduleSettings schedule)
    {
        var year = schedule.Year ?? options.Settings.Year;
        var input = schedule.InputFolder(options.DataFolder);
        var askedBy = RunQueue.ScheduleStartedBy(schedule.Name);
        try
        {
            recurring.AddOrUpdate<CycleRunJob>(
                RecurringJobId(schedule.Name),
                j => j.RunAsync(CycleRunJob.NoRunYet, schedule.Name, year, input, askedBy, null, CancellationToken.None),
                schedule.Cron,
                new RecurringJobOptions { TimeZone = schedule.ResolveTimeZone() });
        }
        catch (ArgumentException)
        {
            // The scheduler checks each field's values; the settings check only the form.
            var index = options.Schedules.ToList().IndexOf(schedule);
            throw new BatchCycle.Cycle.SettingsException(schedule.CronProblem(index));
        }
    }

    private static async Task<HashSet<string>> PausedAsync(BatchCycleDb db, CancellationToken cancellationToken) =>
        (await db.Set<SchedulePauseRecord>().AsNoTracking().Select(p => p.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
}
