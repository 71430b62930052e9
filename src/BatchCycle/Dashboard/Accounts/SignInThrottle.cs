using System.Collections.Concurrent;

namespace BatchCycle.Dashboard.Accounts;

/// <summary>
/// Slows password guessing two ways. After <see cref="DashboardSettings.SignInMaxFailures"/> failed sign-ins of
/// one user name within the window, from whatever addresses, that name is locked for the window: spreading the
/// guesses over many addresses gains nothing. After <see cref="DashboardSettings.SignInMaxFailuresPerAddress"/>
/// failures from one address, whatever the names, that address is locked: one password tried on many names is
/// stopped too. Names are counted whether or not an account has them, so a lock tells nothing about which
/// names exist. Kept in memory: a restart clears it, which costs a guesser a restart of the server, not of
/// their script.
/// </summary>
public sealed class SignInThrottle(DashboardSettings settings, TimeProvider time)
{
    /// <summary>Past this many names or addresses, those whose failures have all aged out are forgotten.</summary>
    private const int KeysBeforeCleanup = 10_000;

    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> byName = new();
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> byAddress = new();

    private TimeSpan Window => TimeSpan.FromMinutes(settings.SignInLockMinutes);

    /// <summary>When a sign-in of the name from the address may be tried again, or null when it may be tried now.</summary>
    public DateTimeOffset? LockedUntil(string userName, string address)
    {
        var now = time.GetUtcNow();
        var name = LockedUntil(byName, NameKey(userName), settings.SignInMaxFailures, now);
        var from = LockedUntil(byAddress, address, settings.SignInMaxFailuresPerAddress, now);
        return name is null ? from : from is null ? name : (name > from ? name : from);
    }

    public void RecordFailure(string userName, string address)
    {
        var now = time.GetUtcNow();
        Record(byName, NameKey(userName), now);
        Record(byAddress, address, now);
    }

    /// <summary>
    /// Clears the name's failures. The address keeps its own: otherwise whoever holds one account could sign in
    /// to it between guesses at the others and never reach the address limit.
    /// </summary>
    public void RecordSuccess(string userName) => byName.TryRemove(NameKey(userName), out _);

    private DateTimeOffset? LockedUntil(ConcurrentDictionary<string, List<DateTimeOffset>> failures, string key, int limit, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var list))
        {
            return null;
        }

        lock (list)
        {
            list.RemoveAll(at => at <= now - Window);
            return list.Count >= limit ? list[^1] + Window : null;
        }
    }

    private void Record(ConcurrentDictionary<string, List<DateTimeOffset>> failures, string key, DateTimeOffset now)
    {
        if (failures.Count > KeysBeforeCleanup)
        {
            // Guessing with ever new user names (or from ever new addresses) must not grow this without bound.
            foreach (var (old, list) in failures)
            {
                lock (list)
                {
                    if (list.TrueForAll(at => at <= now - Window))
                    {
                        failures.TryRemove(old, out _);
                    }
                }
            }
        }

        var entry = failures.GetOrAdd(key, _ => []);
        lock (entry)
        {
            entry.Add(now);
        }
    }

    private static string NameKey(string userName) => userName.Trim().ToUpperInvariant();
}
