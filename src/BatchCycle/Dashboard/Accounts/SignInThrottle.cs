using System.Collections.Concurrent;

namespace BatchCycle.Dashboard.Accounts;

/// <summary>
/// Slows password guessing: after <see cref="DashboardSettings.SignInMaxFailures"/> failed sign-ins of one user
/// name from one address within the window, that pair is locked for the window. Kept in memory: a restart
/// clears it, which costs a guesser a restart of the server, not of their script.
/// </summary>
public sealed class SignInThrottle(DashboardSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> failures = new();

    private TimeSpan Window => TimeSpan.FromMinutes(settings.SignInLockMinutes);

    /// <summary>When the pair may try again, or null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string userName, string address)
    {
        var now = time.GetUtcNow();
        if (!failures.TryGetValue(Key(userName, address), out var list))
        {
            return null;
        }

        lock (list)
        {
            list.RemoveAll(at => at <= now - Window);
            return list.Count >= settings.SignInMaxFailures ? list[^1] + Window : null;
        }
    }

    public void RecordFailure(string userName, string address)
    {
        var list = failures.GetOrAdd(Key(userName, address), _ => []);
        lock (list)
        {
            list.Add(time.GetUtcNow());
        }
    }

    public void RecordSuccess(string userName, string address) => failures.TryRemove(Key(userName, address), out _);

    private static string Key(string userName, string address) => userName.Trim().ToUpperInvariant() + "|" + address;
}
