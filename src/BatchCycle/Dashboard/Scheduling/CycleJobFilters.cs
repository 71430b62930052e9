using BatchCycle.Storage;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// The job filters of this dashboard: the library's global ones (statistics, continuations, culture) except its
/// default retry, the attributes of the job method (the lock against overlapping runs), and the retry, waiting and
/// history rules of the settings. Kept per dashboard, not in the library's process-wide filter list, so two
/// dashboards in one process (tests) each follow their own settings.
/// </summary>
public sealed class CycleJobFilters : IJobFilterProvider
{
    private readonly JobFilterProviderCollection providers;

    public CycleJobFilters(JobSettings settings, BatchCycleDatabase database)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var own = new JobFilterCollection();
        // Runs first, so that waiting for the database is never counted as a failed attempt.
        own.Add(new WaitWhileBusyFilter(TimeSpan.FromSeconds(settings.BusyDelaySeconds)), -10);
        own.Add(new AutomaticRetryAttribute
        {
            Attempts = settings.RetryAttempts,
            DelaysInSeconds = [settings.RetryDelaySeconds],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
        own.Add(new KeepFinishedJobsFilter(TimeSpan.FromDays(settings.KeepFinishedDays)));
        own.Add(new DeletedJobFilter(database));
        providers = [new GlobalFiltersWithoutRetry(), new JobFilterAttributeFilterProvider(), own];
    }

    public IEnumerable<JobFilter> GetFilters(Job job) => providers.GetFilters(job);

    private sealed class GlobalFiltersWithoutRetry : IJobFilterProvider
    {
        public IEnumerable<JobFilter> GetFilters(Job job) =>
            GlobalJobFilters.Filters.Where(f => f.Instance is not AutomaticRetryAttribute);
    }
}

/// <summary>
/// A run that found the database held (a command-line run, or the same job still running on another node) is
/// scheduled to look again later instead of failing: it waits, shown as Scheduled with the reason.
/// </summary>
public sealed class WaitWhileBusyFilter(TimeSpan delay) : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is FailedState { Exception: var exception } && IsWaiting(exception))
        {
            context.CandidateState = new ScheduledState(delay)
            {
                Reason = $"Waiting: {exception.Message} 等待中：数据库正被另一运行使用。",
            };
        }
    }

    private static bool IsWaiting(Exception exception) =>
        exception is RunWaitingException or DistributedLockTimeoutException
        || exception.GetType().Name == nameof(DistributedLockTimeoutException);
}

/// <summary>Finished jobs stay in the job dashboard for the days of the settings; the runs themselves are kept for ever.</summary>
public sealed class KeepFinishedJobsFilter(TimeSpan keep) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.JobExpirationTimeout = keep;
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}

/// <summary>
/// A queued run whose job is deleted in the job dashboard will never start: it is recorded as failed, with the
/// reason, instead of waiting on the runs page for ever. A running run's job, when deleted, is cancelled, and the
/// run is marked interrupted by the next run, as after any stop.
/// </summary>
public sealed class DeletedJobFilter(BatchCycleDatabase database) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewState is not DeletedState)
        {
            return;
        }

        using var db = database.Open();
        db.Runs.Where(r => r.JobId == context.BackgroundJob.Id && r.State == RunState.Queued).ExecuteUpdate(r => r
            .SetProperty(x => x.State, RunState.Failed)
            .SetProperty(x => x.FinishedAt, DateTime.UtcNow)
            .SetProperty(x => x.Error, "Its job was deleted in the job dashboard before it started. 作业在开始前已被删除。"));
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
