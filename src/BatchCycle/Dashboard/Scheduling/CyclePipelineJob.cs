using Quartz;

namespace BatchCycle.Dashboard.Scheduling;

/// <summary>
/// The one job every run goes through, from a schedule or from a page. One job key with concurrent execution
/// disallowed is what makes Quartz queue a second run behind the first instead of starting both.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CyclePipelineJob(RunLauncher launcher) : IJob
{
    public const string TicketKey = "ticket";

    public const string ScheduleKey = "schedule";

    public const string ScheduleGroup = "schedules";

    public static JobKey Key { get; } = new("cycle-run", "batchcycle");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (data.TryGetValue(TicketKey, out var ticket) && ticket is string ticketId && Guid.TryParse(ticketId, out var id))
        {
            await launcher.RunTicketAsync(id, cancellationToken);
        }
        else if (data.TryGetValue(ScheduleKey, out var schedule) && schedule is string name)
        {
            await launcher.RunScheduleAsync(name, cancellationToken);
        }
    }
}
