using BatchCycle.Storage;

namespace BatchCycle.Runs;

/// <summary>
/// Keeps two runs from working on one database at once. On SQLite the lock is an exclusively opened file beside
/// the database; on PostgreSQL it is an advisory lock of the server, so it holds for every node of the cluster.
/// Either is released when its process ends, however it ends, so a crash never leaves a stale lock behind.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly IDisposable held;

    private RunLock(IDisposable held) => this.held = held;

    public static string LockPath(BatchCycleDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.FilePath + ".run.lock";
    }

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/>; null when another run holds it.</summary>
    public static async Task<RunLock?> TryAcquireAsync(BatchCycleDatabase database, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (await TryTakeAsync(database, cancellationToken) is { } held)
            {
                return new RunLock(held);
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public void Dispose() => held.Dispose();

    private static async Task<IDisposable?> TryTakeAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        if (database.IsPostgreSql)
        {
            return await AdvisoryLock.TryTakeAsync(database, AdvisoryLock.Named(AdvisoryLock.Runs), cancellationToken);
        }

        var path = LockPath(database);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
