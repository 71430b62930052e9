using BatchCycle.Cycle;
using BatchCycle.Storage;

namespace BatchCycle.Reminders;

/// <summary>Sends one reminder round from the reminder outbox, each message at most once (<see cref="OutboxSender{T}"/>).</summary>
public sealed class ReminderSender(BatchCycleSettings settings, BatchCycleDatabase database)
{
    public Task<SendReport> SendAsync(string round, SendOptions options, CancellationToken cancellationToken) =>
        new OutboxSender<ReminderOutboxMessage>(settings, database).SendAsync(
            new OutboxScope<ReminderOutboxMessage>(round, m => m.Round == round, m => m.LabelSerial, m => m.LabelSerial),
            options,
            cancellationToken);
}
