using BatchCycle.Notices;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Reminders;

/// <summary>The results-notice outbox counted by state for the reminders page (same states as reminders).</summary>
public static class NoticeCounts
{
    public static async Task<IReadOnlyDictionary<string, int>> ReadAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var rows = await db.Set<NoticeOutboxMessage>().AsNoTracking()
            .GroupBy(m => m.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.State.ToString(), r => r.Count);
    }
}
