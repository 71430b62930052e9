namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// The <c>BatchCycle:Dashboard:Jobs</c> section: how the background jobs that carry out the runs are worked. The
/// defaults suit one secretariat server; tests shorten the intervals so that they do not wait.
/// </summary>
public sealed class JobSettings
{
    /// <summary>Runs never overlap, so one worker is enough; a second would only wait for the run lock.</summary>
    public int WorkerCount { get; set; } = 1;

    /// <summary>How often a failed or cut-off run is tried again (resuming from its failed stage) before it stays failed.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Seconds before each retry of a failed run.</summary>
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>Seconds before a run that found the database held (a command-line run) looks again; this is no retry.</summary>
    public int BusyDelaySeconds { get; set; } = 30;

    /// <summary>How often, in milliseconds, an idle worker looks for a queued run.</summary>
    public int QueuePollMilliseconds { get; set; } = 1_000;

    /// <summary>How often, in milliseconds, schedules and delayed retries are checked for being due.</summary>
    public int SchedulePollMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// Minutes after which a run taken by a worker that vanished (its process killed) is taken up again by another
    /// worker. At start-up the dashboard takes up its own cut-off runs at once.
    /// </summary>
    public int AbandonedAfterMinutes { get; set; } = 30;

    /// <summary>Days the job storage keeps a finished job (the product's own run history keeps every run).</summary>
    public int KeepFinishedDays { get; set; } = 30;
}
