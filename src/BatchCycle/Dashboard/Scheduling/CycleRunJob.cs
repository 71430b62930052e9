using BatchCycle.Runs;
using BatchCycle.Storage;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>The database was held by another run (a command-line run); the job waits and looks again, it does not fail.</summary>
public sealed class RunWaitingException(string message) : Exception(message);

/// <summary>A stage of the run failed; the message is the run's log, so the job's page shows it.</summary>
public sealed class RunFailedException(string message) : Exception(message);

/// <summary>
/// The one background job that carries out every run, from a page or a schedule. Its argument is the run's id,
/// recorded before the job was queued, so every retry (automatic, or Requeue in the job dashboard) resumes the same
/// run from the stage it stopped in. One method for every run is what lets one lock keep runs from overlapping on
/// every node: the lock's name is the method's; the pipeline's own run lock keeps out command-line runs.
/// </summary>
public sealed class CycleRunJob(DashboardOptions options, DashboardClock clock, ILoggerFactory loggerFactory)
{
    public const string RunIdParameter = "RunId";

    /// <summary>A schedule's job asks for its run when it fires: its run id is kept on the job for its retries.</summary>
    public const long NoRunYet = 0;

    private const int OtherNodeWaitSeconds = 10;

    private readonly ILogger logger = loggerFactory.CreateLogger<CycleRunJob>();

    [JobDisplayName("Cycle {2} · {3} · {4}")]
    [DisableConcurrentExecution(OtherNodeWaitSeconds)]
    public async Task<string> RunAsync(long runId, string? schedule, int year, string input, string askedBy, PerformContext? context, CancellationToken cancellationToken)
    {
        // The cycle, folder and asker are the job's arguments for its display name; the run record is what is run.
        logger.LogInformation("Job for cycle {Year} on {Input}, asked by {AskedBy}", year, input, askedBy);
        if (runId == NoRunYet)
        {
            runId = context?.GetJobParameter<long?>(RunIdParameter) ?? await ScheduledRunAsync(schedule, context, cancellationToken);
        }

        if (context is not null)
        {
            context.SetJobParameter(RunIdParameter, runId);
            await LinkAsync(runId, context.BackgroundJob.Id, cancellationToken);
        }

        var pipeline = new CyclePipeline(options.Settings, options.Database, options.Stages(), loggerFactory);
        var result = await pipeline.ResumeAsync(runId, cancellationToken);
        if (result.State is null)
        {
            throw new RunWaitingException(result.Error ?? "Another run is using the database.");
        }

        await using var db = options.Database.Open();
        var log = await RunLog.LinesAsync(db, runId, clock, cancellationToken);
        return result.Completed ? string.Join('\n', log) : throw new RunFailedException(string.Join('\n', log));
    }

    /// <summary>
    /// The run of a schedule's job: the one "Trigger now" recorded for it (so the run says who asked), or a new one
    /// when the schedule's time came.
    /// </summary>
    private async Task<long> ScheduledRunAsync(string? schedule, PerformContext? context, CancellationToken cancellationToken)
    {
        var settings = options.Schedules.SingleOrDefault(s => s.Name == schedule)
            ?? throw new RunFailedException($"Schedule '{schedule}' is no longer in the settings. 设置中已无此排程。");
        var askedBy = RunQueue.ScheduleStartedBy(settings.Name);
        var jobId = context?.BackgroundJob.Id;
        await using (var db = options.Database.Open())
        {
            // The page links the run to the job the trigger made; a job that starts before that takes it up too.
            var asked = await db.Runs
                .Where(r => r.State == RunState.Queued && (r.JobId == jobId || (r.JobId == null && r.StartedBy.EndsWith("(" + askedBy + ")"))))
                .OrderBy(r => r.JobId == jobId ? 0 : 1)
                .ThenBy(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (asked is not null)
            {
                asked.JobId = jobId;
                await db.SaveChangesAsync(cancellationToken);
                return asked.Id;
            }
        }

        var request = RunQueue.Request(options, clock, settings.InputFolder(options.DataFolder), settings.Year ?? options.Settings.Year, askedBy);
        return await new CyclePipeline(options.Settings, options.Database, options.Stages(), loggerFactory).RecordQueuedAsync(request, cancellationToken);
    }

    private async Task LinkAsync(long runId, string jobId, CancellationToken cancellationToken)
    {
        await using var db = options.Database.Open();
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r.SetProperty(x => x.JobId, jobId), cancellationToken);
    }
}
