using System.Collections.Concurrent;

namespace BatchCycle.Runs;

/// <summary>
/// One value of the run a stage of this process worked on last in each database (its imported records, its
/// screenings), kept for the stages after it. Only the last run of a database is kept, so a long-lived process
/// (the dashboard, with its one database) holds at most one run's worth; a stage of any other run gets nothing and
/// reads what the database keeps instead. Runs of different databases (tests side by side) never displace each other.
/// </summary>
public sealed class LastRunMemory<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, (long RunId, T Value)> lastByDatabase = new(StringComparer.Ordinal);

    public void Remember(RunContext run, T value)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(value);
        lastByDatabase[run.DatabasePath.Location] = (run.RunId, value);
    }

    /// <summary>The value remembered for this run of this database, or null.</summary>
    public T? Recall(RunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return lastByDatabase.TryGetValue(run.DatabasePath.Location, out var last) && last.RunId == run.RunId ? last.Value : null;
    }
}
