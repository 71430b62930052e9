using BatchCycle.Runs;

namespace BatchCycle.Screening;

/// <summary>
/// The screenings of the run screened last, kept in memory for the stages after it. The database holds the same
/// results (tables ScreeningOutcomes and RequirementResults) and stays what a stage of any other run reads; in
/// the run that screened, reading back hundreds of thousands of requirement lines would only rebuild these.
/// </summary>
public static class ScreeningResults
{
    private static readonly Lock CacheLock = new();
    private static Remembered? last;

    public static void Remember(RunContext run, IReadOnlyList<ApplicationScreening> screenings)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(screenings);
        lock (CacheLock)
        {
            last = new Remembered(Path.GetFullPath(run.DatabasePath), run.RunId, screenings);
        }
    }

    /// <summary>The screenings of this run, ordered by application id, when this process screened it last.</summary>
    public static IReadOnlyList<ApplicationScreening>? Recall(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var database = Path.GetFullPath(run.DatabasePath);
        lock (CacheLock)
        {
            return last is { } r && r.Database == database && r.RunId == run.RunId ? r.Screenings : null;
        }
    }

    private sealed record Remembered(string Database, long RunId, IReadOnlyList<ApplicationScreening> Screenings);
}
