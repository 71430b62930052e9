using System.Text.Json;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Runs;

/// <summary>
/// A run in one line of the runs list: its applications and what became of them, the certificates it issued,
/// the reminders it drafted and its import issues. Each number is read once from the stage that owns it (the
/// summed counters of every stage, on the run page, count the applications once per stage); a pipeline without
/// an import stage counts its applications in the first stage that does.
/// </summary>
public sealed record RunGlance(long? Applications, IReadOnlyDictionary<string, int> Outcomes, long? Certificates, long? Reminders, long? Issues)
{
    public static RunGlance Empty { get; } = new(null, new Dictionary<string, int>(), null, null, null);

    /// <summary>The glance of each of the given runs, their outcomes counted in one query.</summary>
    public static async Task<IReadOnlyDictionary<long, RunGlance>> OfAsync(BatchCycleDb db, IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(runs);
        var ids = runs.Select(r => r.Id).ToList();
        var outcomes = (await db.ScreeningOutcomes.AsNoTracking()
            .Where(o => ids.Contains(o.RunId))
            .GroupBy(o => new { o.RunId, o.Outcome })
            .Select(g => new { g.Key.RunId, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .ToLookup(o => o.RunId);
        return runs.ToDictionary(r => r.Id, r => new RunGlance(
            Count(r, "import", "applications") ?? r.Stages.OrderBy(s => s.Position).Select(s => Counter(s, "applications")).FirstOrDefault(c => c is not null),
            outcomes[r.Id].ToDictionary(o => o.Outcome, o => o.Count),
            Count(r, "certificates", "issued"),
            Count(r, "reminders", "drafted"),
            Count(r, "import", "issues")));
    }

    private static long? Count(RunRecord run, string stage, string counter) =>
        run.Stages.FirstOrDefault(s => s.Stage == stage) is { } record ? Counter(record, counter) : null;

    private static long? Counter(RunStageRecord stage, string counter) =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(stage.CountsJson) is { } counts && counts.TryGetValue(counter, out var value) ? value : null;
}
