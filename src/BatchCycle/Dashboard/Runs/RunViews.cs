using System.Text.Json;
using BatchCycle.Cycle;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Runs;

/// <summary>A run's progress as the pages and the JSON status endpoint show it.</summary>
public sealed record RunProgress(long Id, string State, string? CurrentStage, double Fraction, int StagesDone, int StageCount, IReadOnlyList<StageProgress> Stages, bool Active)
{
    /// <summary>The pipeline writes run-summary.json just after it records the end of a run; until then the page keeps following.</summary>
    private static readonly TimeSpan SummaryGrace = TimeSpan.FromMinutes(1);

    public static RunProgress Of(RunRecord run)
    {
        var summaryPending = run.State is RunState.Completed or RunState.Failed
            && run.FinishedAt > DateTime.UtcNow - SummaryGrace
            && !File.Exists(Path.Combine(run.OutFolder, "run-summary.json"));
        var stages = run.Stages.OrderBy(s => s.Position).ToList();
        var done = stages.Count(s => s.State == StageState.Completed);
        var running = stages.Where(s => s.State == StageState.Running).Sum(s => s.Progress);
        var fraction = stages.Count == 0 ? (run.State == RunState.Completed ? 1 : 0) : (done + running) / stages.Count;
        return new RunProgress(
            run.Id,
            run.State.ToString(),
            run.CurrentStage,
            Math.Round(fraction, 3),
            done,
            stages.Count,
            [.. stages.Select(s => new StageProgress(s.Stage, s.State.ToString(), Math.Round(s.Progress, 3), s.StartedAt, s.FinishedAt))],
            run.State is RunState.Running or RunState.Queued || summaryPending);
    }
}

public sealed record StageProgress(string Name, string State, double Progress, DateTime? StartedAt, DateTime? FinishedAt);

/// <summary>Outcomes of one label type in a run.</summary>
public sealed record OutcomeRow(string LabelType, string NameZh, string NameEn, IReadOnlyDictionary<string, int> Counts)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>Read-side queries of the runs pages.</summary>
public static class RunViews
{
    public const int ShownIssues = 500;

    public static readonly string[] Outcomes = ["Eligible", "Ineligible", "NeedsReview"];

    public static async Task<RunRecord?> FindAsync(BatchCycleDb db, long id, CancellationToken cancellationToken) =>
        await db.Runs.AsNoTracking().Include(r => r.Stages).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>The counts of the given stages, summed by name, e.g. applications, issues, certificates.</summary>
    public static IReadOnlyDictionary<string, long> Counts(IEnumerable<RunStageRecord> stages)
    {
        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            foreach (var (name, count) in JsonSerializer.Deserialize<Dictionary<string, long>>(stage.CountsJson) ?? [])
            {
                totals[name] = totals.GetValueOrDefault(name) + count;
            }
        }

        return totals;
    }

    public static string CountsText(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", counts.Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));

    public static IReadOnlyList<string> Warnings(RunStageRecord stage) =>
        JsonSerializer.Deserialize<List<string>>(stage.WarningsJson) ?? [];

    public static async Task<IReadOnlyList<OutcomeRow>> OutcomesAsync(BatchCycleDb db, long runId, CancellationToken cancellationToken)
    {
        var counts = await db.ScreeningOutcomes.AsNoTracking()
            .Where(o => o.RunId == runId)
            .GroupBy(o => new { o.LabelType, o.Outcome })
            .Select(g => new { g.Key.LabelType, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.GroupBy(c => c.LabelType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var known = Enum.TryParse<LabelType>(g.Key, out var type) && Enum.IsDefined(type);
            return new OutcomeRow(
                g.Key,
                known ? LabelTypes.ChineseName(type) : g.Key,
                known ? LabelTypes.EnglishName(type) : g.Key,
                g.ToDictionary(c => c.Outcome, c => c.Count));
        })];
    }
}
