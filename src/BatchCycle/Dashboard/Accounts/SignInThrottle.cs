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

    /// <summary>Past this many user-and-address pairs, pairs whose failures have all aged out are forgotten.</summary>
    private const int PairsBeforeCleanup = 10_000;

    public void RecordFailure(string userName, string address)
    {
        var now = time.GetUtcNow();
        if (failures.Count > PairsBeforeCleanup)
        {
            // Guessing with ever new user names must not grow this without bound.
            foreach (var (key, old) in failures)
            {
                lock (old)
                {
                    if (old.TrueForAll(at => at <= now - Window))
                    {
                        failures.TryRemove(key, out _);
                    }
                }
            }
        }

        var list = failures.GetOrAdd(Key(userName, address), _ => []);
        lock (list)
        {
            list.Add(now);
        }
    }

    public void RecordSuccess(string userName, string address) => failures.TryRemove(Key(userName, address), out _);

    private static string Key(string userName, string address) => userName.Trim().ToUpperInvariant() + "|" + address;
}
