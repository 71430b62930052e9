namespace BatchCycle.Reminders;

/// <summary>
/// Proof that a sender is alive: an exclusively opened file beside the database, named by the sender's claim id.
/// The operating system releases it however the process ends, so a claim whose lease file can be opened (or is
/// gone) belongs to a sender that has stopped — the message it held may or may not have left.
/// </summary>
public sealed class ReminderSendLease : IDisposable
{
    private readonly FileStream stream;
    private readonly string path;

    private ReminderSendLease(string claimId, FileStream stream, string path)
    {
        ClaimId = claimId;
        this.stream = stream;
        this.path = path;
    }

    /// <summary><c>&lt;process id&gt;:&lt;guid&gt;</c>, written to ClaimedBy.</summary>
    public string ClaimId { get; }

    public static ReminderSendLease Take(string databasePath)
    {
        var token = Guid.NewGuid().ToString("N");
        var path = PathOf(databasePath, token);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new ReminderSendLease($"{Environment.ProcessId}:{token}", stream, path);
    }

    /// <summary>True when the sender that wrote <paramref name="claimedBy"/> still runs.</summary>
    public static bool IsAlive(string databasePath, string claimedBy)
    {
        var token = claimedBy.Split(':').Last();
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var path = PathOf(databasePath, token);
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
        File.Delete(path);
        stream.Dispose();
    }

    private static string PathOf(string databasePath, string token) =>
        Path.Combine(Path.GetFullPath(databasePath) + ".senders", token + ".lease");
}
