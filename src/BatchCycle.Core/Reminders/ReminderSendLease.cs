using BatchCycle.Storage;

namespace BatchCycle.Reminders;

/// <summary>
/// Proof that a sender is alive, named by the sender's claim id: on SQLite an exclusively opened file beside the
/// database, on PostgreSQL an advisory lock of the server (so a sender on another node is seen too). Either is
/// released however the process ends, so a claim whose lease is free (or gone) belongs to a sender that has
/// stopped — the message it held may or may not have left.
/// </summary>
public sealed class ReminderSendLease : IDisposable
{
    private readonly IDisposable held;
    private readonly string? path;

    private ReminderSendLease(string claimId, IDisposable held, string? path)
    {
        ClaimId = claimId;
        this.held = held;
        this.path = path;
    }

    /// <summary><c>&lt;process id&gt;:&lt;guid&gt;</c>, written to ClaimedBy.</summary>
    public string ClaimId { get; }

    public static async Task<ReminderSendLease> TakeAsync(BatchCycleDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var token = Guid.NewGuid().ToString("N");
        var claimId = $"{Environment.ProcessId}:{token}";
        if (database.IsPostgreSql)
        {
            var taken = await AdvisoryLock.TryTakeAsync(database, AdvisoryLock.KeyOf(token), cancellationToken)
                ?? throw new InvalidOperationException("A new random lease key was already held.");
            return new ReminderSendLease(claimId, taken, null);
        }

        var path = PathOf(database, token);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new ReminderSendLease(claimId, stream, path);
    }

    /// <summary>True when the sender that wrote <paramref name="claimedBy"/> still runs.</summary>
    public static async Task<bool> IsAliveAsync(BatchCycleDatabase database, string claimedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var token = claimedBy.Split(':').Last();
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        if (database.IsPostgreSql)
        {
            return await AdvisoryLock.IsHeldAsync(database, AdvisoryLock.KeyOf(token), cancellationToken);
        }

        var path = PathOf(database, token);
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }

        // The lease was free: its sender is gone; the file is only litter now.
        File.Delete(path);
        return false;
    }

    /// <summary>Called only after the sender has settled every message it claimed, so no live claim outlives its lease.</summary>
    public void Dispose()
    {
        if (path is not null)
        {
            File.Delete(path);
        }

        held.Dispose();
    }

    private static string PathOf(BatchCycleDatabase database, string token) =>
        Path.Combine(database.FilePath + ".senders", token + ".lease");
}
