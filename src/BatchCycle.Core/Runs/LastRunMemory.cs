namespace BatchCycle.Runs;

/// <summary>
/// One value of the run a stage of this process worked on last (its imported records, its screenings), kept for
/// the stages after it. Only one run's value is kept, so a long-lived process (the dashboard) holds at most one
/// run's worth; a stage of any other run gets nothing and reads what the database keeps instead.
/// </summary>
public sealed class LastRunMemory<T>
    where T : class
{
    private readonly Lock gate = new();
    private Remembered? last;

    public void Remember(RunContext run, T value)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(value);
        var remembered = new Remembered(Path.GetFullPath(run.DatabasePath), run.RunId, value);
        lock (gate)
        {
            last = remembered;
        }
    }

    /// <summary>The value remembered for this run of this database, or null.</summary>
    public T? Recall(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var database = Path.GetFullPath(run.DatabasePath);
        lock (gate)
        {
            return last is { } r && r.Database == database && r.RunId == run.RunId ? r.Value : null;
        }
    }

    private sealed record Remembered(string Database, long RunId, T Value);
}
