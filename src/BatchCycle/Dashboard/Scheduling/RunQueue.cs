using BatchCycle.Pipeline;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// Puts runs in the job queue. Each run is recorded first (queued) and its job carries its id, so the page that asked
/// can follow it at once, and a retry of the job, or a requeue in the job dashboard, resumes that same run.
/// </summary>
public sealed class RunQueue(
    DashboardOptions options,
    DashboardClock clock,
    IBackgroundJobClient jobs,
    IRecurringJobManagerV2 recurring,
    ILoggerFactory loggerFactory)
{
    public static string ScheduleStartedBy(string scheduleName) => $"schedule:{scheduleName}";

    /// <summary>A new output folder under the data folder for a run the dashboard or a schedule starts.</summary>
    public static string NewOutFolder(DashboardOptions options, DashboardClock clock) => Path.Combine(options.RunsFolder, clock.RunFolderName());

    public static RunRequest Request(DashboardOptions options, DashboardClock clock, string input, int year, string askedBy) =>
        new(Path.GetFullPath(input), NewOutFolder(options, clock), year, clock.Today, askedBy);

    /// <summary>Records a run on the folder and queues its job; the run id, or the settings mistake that stopped it.</summary>
    public async Task<(long? RunId, string? Problem)> QueueAsync(string input, int year, string askedBy, CancellationToken cancellationToken)
    {
        long runId;
        try
        {
            runId = await Pipeline().RecordQueuedAsync(Request(options, clock, input, year, askedBy), cancellationToken);
        }
        catch (BatchCycle.Cycle.SettingsException ex)
        {
            return (null, ex.Message);
        }

        await LinkAsync(runId, Enqueue(runId, null, year, input, askedBy), cancellationToken);
        return (runId, null);
    }

    /// <summary>
    /// "Trigger now": records the run (so it says who asked) and triggers the schedule's recurring job, whose job takes
    /// up that run; a paused schedule has no recurring job, so its run gets a job of its own.
    /// </summary>
    public async Task<(long? RunId, string? Problem)> TriggerAsync(ScheduleSettings schedule, string user, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var year = schedule.Year ?? options.Settings.Year;
        var input = schedule.InputFolder(options.DataFolder);
        var askedBy = $"{user} ({ScheduleStartedBy(schedule.Name)})";
        if (paused)
        {
            return await QueueAsync(input, year, askedBy, cancellationToken);
        }

        try
        {
            var runId = await Pipeline().RecordQueuedAsync(Request(options, clock, input, year, askedBy), cancellationToken);
            // Without a recurring job (deleted in the job dashboard; the next start registers it again) the run
            // gets a job of its own.
            var jobId = recurring.TriggerJob(ScheduleBoard.RecurringJobId(schedule.Name)) ?? Enqueue(runId, schedule.Name, year, input, askedBy);
            await LinkAsync(runId, jobId, cancellationToken);

            return (runId, null);
        }
        catch (BatchCycle.Cycle.SettingsException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Resumes a failed or interrupted run through its own job (a requeue), or a new job for a command-line run.</summary>
    public async Task ResumeAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.JobId is { } jobId && jobs.ChangeState(jobId, new EnqueuedState { Reason = "Resumed from the run's page" }))
        {
            return;
        }

        await LinkAsync(run.Id, Enqueue(run.Id, null, run.Year, run.InputFolder, run.StartedBy), cancellationToken);
    }

    private string Enqueue(long runId, string? schedule, int year, string input, string askedBy) =>
        jobs.Enqueue<CycleRunJob>(j => j.RunAsync(runId, schedule, year, input, askedBy, null, CancellationToken.None));

    private CyclePipeline Pipeline() => new(options.Settings, options.Database, options.Stages(), loggerFactory);

    private async Task LinkAsync(long runId, string jobId, CancellationToken cancellationToken)
    {
        await using var db = options.Database.Open();
        await db.Runs.Where(r => r.Id == runId && r.JobId == null).ExecuteUpdateAsync(r => r.SetProperty(x => x.JobId, jobId), cancellationToken);
    }
}
