using System.Collections.Concurrent;
using BatchCycle.Cycle;
using BatchCycle.Runs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>A run someone asked for: the pipeline's request without its date, which is fixed when the run starts.</summary>
public sealed record RunOrder(string InputFolder, string OutFolder, int Year, DateOnly? AsOf, string StartedBy);

/// <summary>A run waiting for its turn; the page that queued it follows it to its run id.</summary>
public sealed class RunTicket(RunOrder order, DateTime queuedAt)
{
    private readonly TaskCompletionSource<long?> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid Id { get; } = Guid.NewGuid();

    public RunOrder Order { get; } = order;

    public DateTime QueuedAt { get; } = queuedAt;

    /// <summary>The run id once the run exists; null when the run was refused (see <see cref="Refusal"/>).</summary>
    public Task<long?> Started => started.Task;

    public string? Refusal { get; private set; }

    internal void MarkStarted(long runId) => started.TrySetResult(runId);

    internal void MarkRefused(string reason)
    {
        Refusal = reason;
        started.TrySetResult(null);
    }
}

/// <summary>A run that could not start, kept for the runs page (the database has no row for it).</summary>
public sealed record RunRefusal(DateTime At, string StartedBy, string Reason);

/// <summary>
/// Starts every dashboard run through one Quartz job that disallows concurrent execution: a run asked for while
/// another is active waits in Quartz's queue (its trigger is blocked) and starts when the first finishes. The
/// pipeline's own file lock still refuses a run while a command-line run holds the database; that refusal is
/// shown on the runs page.
/// </summary>
public sealed class RunLauncher(
    DashboardOptions options,
    DashboardClock clock,
    ISchedulerFactory schedulers,
    ILoggerFactory loggerFactory)
{
    private const int KeptRefusals = 20;

    private const string ManualGroup = "manual";

    private readonly ConcurrentDictionary<Guid, RunTicket> waiting = new();
    private readonly LinkedList<RunRefusal> refusals = new();
    private readonly ILogger logger = loggerFactory.CreateLogger<RunLauncher>();

    public IReadOnlyList<RunTicket> Waiting => [.. waiting.Values.OrderBy(t => t.QueuedAt)];

    public IReadOnlyList<RunRefusal> Refusals
    {
        get
        {
            lock (refusals)
            {
                return [.. refusals];
            }
        }
    }

    /// <summary>A new output folder under the data folder for a run the dashboard or a schedule starts.</summary>
    public string NewOutFolder() => Path.Combine(options.RunsFolder, clock.RunFolderName());

    public async Task<RunTicket> QueueAsync(RunOrder order, CancellationToken cancellationToken)
    {
        var ticket = new RunTicket(order, clock.UtcNow);
        waiting[ticket.Id] = ticket;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // A one-shot trigger of the run job. While a run is active it is blocked; when it has waited longer
        // than the misfire threshold it must still fire once, not be dropped, hence FireNow.
        var trigger = TriggerBuilder.Create()
            .ForJob(CyclePipelineJob.Key)
            .WithIdentity(ticket.Id.ToString("N"), ManualGroup)
            .WithDescription(order.StartedBy)
            .UsingJobData(CyclePipelineJob.TicketKey, ticket.Id.ToString())
            .StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        return ticket;
    }

    /// <summary>Called by the job for a queued ticket.</summary>
    internal async Task RunTicketAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        if (!waiting.TryRemove(ticketId, out var ticket))
        {
            logger.LogWarning("Run ticket {Ticket} was not found; it belonged to an earlier start of the dashboard", ticketId);
            return;
        }

        await RunAsync(ticket.Order, ticket, cancellationToken);
    }

    /// <summary>Called by the job when a schedule's cron trigger fires.</summary>
    internal async Task RunScheduleAsync(string scheduleName, CancellationToken cancellationToken)
    {
        var schedule = options.Schedules.SingleOrDefault(s => s.Name == scheduleName);
        if (schedule is null)
        {
            logger.LogWarning("Schedule {Schedule} fired but is no longer in the settings", scheduleName);
            return;
        }

        await RunAsync(OrderFor(schedule, ScheduleStartedBy(schedule.Name)), null, cancellationToken);
    }

    public RunOrder OrderFor(ScheduleSettings schedule, string startedBy) =>
        new(Path.GetFullPath(schedule.Input), NewOutFolder(), schedule.Year ?? options.Settings.Year, null, startedBy);

    public static string ScheduleStartedBy(string scheduleName) => $"schedule:{scheduleName}";

    private async Task RunAsync(RunOrder order, RunTicket? ticket, CancellationToken cancellationToken)
    {
        string? refusal;
        try
        {
            if (!Directory.Exists(order.InputFolder))
            {
                refusal = $"The input folder '{order.InputFolder}' does not exist.";
            }
            else
            {
                var request = new RunRequest(order.InputFolder, order.OutFolder, order.Year, order.AsOf ?? clock.Today, order.StartedBy);
                var pipeline = new CyclePipeline(options.Settings, options.DatabasePath, options.Stages(), loggerFactory)
                {
                    RunCreated = id => ticket?.MarkStarted(id),
                };
                var result = await pipeline.RunAsync(request, cancellationToken);
                refusal = result.RunId is null ? result.Error : null;
            }
        }
        catch (SettingsException ex)
        {
            refusal = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Before the run record exists there is no run page to show this on (a disk or database problem).
            logger.LogError(ex, "A run for {StartedBy} could not start", order.StartedBy);
            refusal = $"The run could not be started: {ex.Message}";
        }

        if (refusal is not null)
        {
            logger.LogWarning("A run for {StartedBy} could not start: {Reason}", order.StartedBy, refusal);
            lock (refusals)
            {
                refusals.AddFirst(new RunRefusal(clock.UtcNow, order.StartedBy, refusal));
                if (refusals.Count > KeptRefusals)
                {
                    refusals.RemoveLast();
                }
            }

            ticket?.MarkRefused(refusal);
        }
    }
}
