using BatchCycle.Reminders;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Reminders;

/// <summary>Counts of one reminder round by state.</summary>
public sealed record ReminderRound(string Round, IReadOnlyDictionary<string, int> ByState)
{
    public int Count(string state) => ByState.GetValueOrDefault(state);
}

/// <summary>The reminder outbox, counted by round and state for the reminders page.</summary>
public static class ReminderCounts
{
    public static readonly string[] States = Enum.GetNames<ReminderState>();

    public static async Task<IReadOnlyList<ReminderRound>> ReadAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var rows = await db.Set<ReminderOutboxMessage>().AsNoTracking()
            .GroupBy(m => new { m.Round, m.State })
            .Select(g => new { g.Key.Round, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Round).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReminderRound(g.Key, g.ToDictionary(r => r.State.ToString(), r => r.Count)))];
    }
}
