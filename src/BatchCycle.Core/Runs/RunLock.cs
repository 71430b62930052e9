namespace BatchCycle.Runs;

/// <summary>
/// Keeps two runs from working on one database at once. The lock is an exclusively opened file beside the
/// database: the operating system releases it when the process ends, however it ends, so a crash never leaves
/// a stale lock behind.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream stream;

    private RunLock(FileStream stream) => this.stream = stream;

    public static string LockPath(string databasePath) => Path.GetFullPath(databasePath) + ".run.lock";

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/>; null when another run holds it.</summary>
    public static async Task<RunLock?> TryAcquireAsync(string databasePath, TimeSpan wait, CancellationToken cancellationToken)
    {
        var path = LockPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
