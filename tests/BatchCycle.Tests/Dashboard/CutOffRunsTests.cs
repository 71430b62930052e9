using BatchCycle.Dashboard;
using BatchCycle.Dashboard.Scheduling;
using BatchCycle.Runs;
using BatchCycle.Storage;
using Hangfire;
using DashboardOptions = BatchCycle.Dashboard.DashboardOptions;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchCycle.Tests.Dashboard;

/// <summary>
/// A process killed between two steps of the embedded job storage, which are not one transaction, leaves its run's
/// job where no worker would take it: the next start queues it again, and the run completes as the same run.
/// </summary>
public sealed class CutOffRunsTests
{
    public enum LeftBy
    {
        /// <summary>A worker took the job from the queue and was killed before marking it Processing.</summary>
        TakenFromTheQueue,

        /// <summary>The scheduler marked the job Enqueued and was killed before writing its queue entry.</summary>
        MarkedEnqueuedWithoutAnEntry,

        /// <summary>The scheduler took the job off the schedule and was killed before marking it Enqueued.</summary>
        TakenOffTheSchedule,
    }

    [Theory]
    [InlineData(LeftBy.TakenFromTheQueue)]
    [InlineData(LeftBy.MarkedEnqueuedWithoutAnEntry)]
    [InlineData(LeftBy.TakenOffTheSchedule)]
    public async Task A_run_whose_job_a_killed_process_left_unqueued_runs_at_the_next_start(LeftBy leftBy)
    {
        long runId = 0;
        string jobId = "";
        await using var host = await DashboardTestHost.StartAsync(prepare: async options =>
        {
            var storage = CycleJobStorage.Create(options);
            (runId, jobId) = await QueueRunAsync(options, storage, leftBy == LeftBy.TakenFromTheQueue ? new EnqueuedState() : new ScheduledState(TimeSpan.FromDays(1)));
            Strand(storage, jobId, leftBy);
        });

        var run = await host.WaitForFinishAsync(runId);

        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal(jobId, run.JobId);
        await host.WaitForJobStateAsync(jobId, SucceededState.StateName);
        Assert.Contains("queued again at start-up", host.JobHistory(jobId));
        await using var db = host.Options.Database.Open();
        Assert.Equal(1, await db.Runs.CountAsync());
    }

    [Fact]
    public async Task A_job_waiting_on_the_schedule_is_left_to_its_time()
    {
        long runId = 0;
        string jobId = "";
        await using var host = await DashboardTestHost.StartAsync(prepare: async options =>
            (runId, jobId) = await QueueRunAsync(options, CycleJobStorage.Create(options), new ScheduledState(TimeSpan.FromDays(1))));

        Assert.Equal(ScheduledState.StateName, host.JobState(jobId));
        Assert.DoesNotContain("queued again at start-up", host.JobHistory(jobId));
        await using var db = host.Options.Database.Open();
        Assert.Equal(RunState.Queued, (await db.Runs.SingleAsync(r => r.Id == runId)).State);
    }

    /// <summary>Records a queued run and its job, in the given state, as the run queue does, but with no server running.</summary>
    private static async Task<(long RunId, string JobId)> QueueRunAsync(DashboardOptions options, JobStorage storage, IState state)
    {
        var input = Path.Combine(options.DataFolder, "inbox");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "applications.csv"), "ApplicationId,LabelType,ApplicantName\nA-001,M,示例公司\n");
        var clock = new DashboardClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Hong_Kong"), TimeProvider.System);
        var pipeline = new CyclePipeline(options.Settings, options.Database, options.Stages(), NullLoggerFactory.Instance);
        var runId = await pipeline.RecordQueuedAsync(RunQueue.Request(options, clock, input, 2025, DashboardTestHost.UserName), CancellationToken.None);
        var jobs = new BackgroundJobClient(storage);
        var jobId = jobs.Create(Job.FromExpression<CycleRunJob>(j => j.RunAsync(runId, null, 2025, input, DashboardTestHost.UserName, null, CancellationToken.None)), state);
        await using var db = options.Database.Open();
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r.SetProperty(x => x.JobId, jobId));
        return (runId, jobId);
    }

    /// <summary>Leaves the job as the killed process would have: each step is one the storage takes on its own.</summary>
    private static void Strand(JobStorage storage, string jobId, LeftBy leftBy)
    {
        using var connection = storage.GetConnection();
        if (leftBy == LeftBy.TakenFromTheQueue)
        {
            // Never disposed, as in a killed process: disposing it would put the job back in the queue.
            Assert.Equal(jobId, connection.FetchNextJob([EnqueuedState.DefaultQueue], CancellationToken.None).JobId);
            return;
        }

        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveFromSet("schedule", jobId);
        if (leftBy == LeftBy.MarkedEnqueuedWithoutAnEntry)
        {
            transaction.SetJobState(jobId, new EnqueuedState());
        }

        transaction.Commit();
    }
}
