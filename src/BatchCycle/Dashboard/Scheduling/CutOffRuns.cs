using System.Globalization;
using BatchCycle.Storage;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// Runs whose process was killed. Most often their job still says Processing, on a server that is gone: at start-up
/// each is queued again (counted like an automatic retry, within the same bound) and resumes its run from the stage it
/// was in. A server is known gone when it ran on this machine and its process no longer exists; a job of another
/// machine's server is left to the storage, which hands it out again once it has been silent long enough.
/// <para>
/// A kill can also fall between two steps of the job storage, which the embedded storage does not make one
/// transaction: a job taken from the queue but not yet marked Processing (hidden from every worker for
/// <see cref="JobSettings.AbandonedAfterMinutes"/>), a job marked Enqueued whose queue entry was never written, or a
/// Scheduled job already taken off the schedule (both never run). Such a job is queued again too, without counting an
/// attempt, since its run never started; the entry it may have left is discarded by the worker that meets it later.
/// On PostgreSQL a job taken from the queue is left to the storage: there another node may have taken it a moment
/// ago and be about to start it, and a second entry would start it twice.
/// </para>
/// </summary>
public static class CutOffRuns
{
    /// <summary>The job parameter the library's automatic retry counts in; a take-up counts there too.</summary>
    private const string RetryCount = "RetryCount";

    /// <summary>The job storage's set of scheduled jobs, which its scheduler reads.</summary>
    private const string ScheduleSet = "schedule";

    private const string LeftBetweenSteps = "Left unqueued by a process that stopped; queued again at start-up. 进程中止，作业于启动时重新排队。";

    public static void TakeUp(DashboardOptions options, JobStorage storage, IBackgroundJobClient jobs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(jobs);
        List<string> jobIds;
        using (var db = options.Database.Open())
        {
            jobIds = [.. db.Runs.AsNoTracking()
                .Where(r => (r.State == RunState.Interrupted || r.State == RunState.Queued) && r.JobId != null)
                .Select(r => r.JobId!)];
        }

        using var connection = storage.GetConnection();
        var monitoring = storage.GetMonitoringApi();
        var scheduled = new Lazy<HashSet<string>>(() => connection.GetAllItemsFromSet(ScheduleSet));
        foreach (var jobId in jobIds)
        {
            if (connection.GetStateData(jobId) is not { } state)
            {
                continue;
            }

            if (state.Name == ProcessingState.StateName && ServerGone(state.Data))
            {
                Resume(options, connection, jobs, jobId);
            }
            else if (state.Name == EnqueuedState.StateName && !options.Database.IsPostgreSql && QueueOf(state.Data) is var queue && !Waiting(monitoring, queue, jobId))
            {
                jobs.ChangeState(jobId, new EnqueuedState(queue) { Reason = LeftBetweenSteps }, EnqueuedState.StateName);
            }
            else if (state.Name == ScheduledState.StateName && !scheduled.Value.Contains(jobId))
            {
                jobs.ChangeState(jobId, new EnqueuedState { Reason = LeftBetweenSteps }, ScheduledState.StateName);
            }
        }
    }

    private static void Resume(DashboardOptions options, IStorageConnection connection, IBackgroundJobClient jobs, string jobId)
    {
        var attempts = int.TryParse(connection.GetJobParameter(jobId, RetryCount), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (attempts < options.Dashboard.Jobs.RetryAttempts)
        {
            connection.SetJobParameter(jobId, RetryCount, (attempts + 1).ToString(CultureInfo.InvariantCulture));
            jobs.ChangeState(jobId, new EnqueuedState { Reason = "The process running it stopped; resumed at start-up. 进程中止后于启动时继续。" }, ProcessingState.StateName);
        }
        else
        {
            jobs.ChangeState(jobId, new FailedState(new RunFailedException($"The run was cut off {attempts + 1} times; resume it from its page. 运行多次中断。")), ProcessingState.StateName);
        }
    }

    /// <summary>Whether the job is in its queue for a worker to take; one a worker has taken is not listed.</summary>
    private static bool Waiting(IMonitoringApi monitoring, string queue, string jobId) =>
        monitoring.EnqueuedJobs(queue, 0, int.MaxValue).Exists(j => j.Key == jobId);

    private static string QueueOf(IDictionary<string, string> enqueued) =>
        enqueued.TryGetValue("Queue", out var queue) && !string.IsNullOrEmpty(queue) ? queue : EnqueuedState.DefaultQueue;

    /// <summary>A server's id is its name (this machine's, see <see cref="CycleScheduling"/>), its process id and a number.</summary>
    private static bool ServerGone(IDictionary<string, string> processing)
    {
        var server = processing.TryGetValue("ServerId", out var id) ? id.Split(':') : [];
        var prefix = CycleScheduling.ServerNamePrefix();
        if (server.Length < 2 || !server[0].StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(server[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited || pid == Environment.ProcessId;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
