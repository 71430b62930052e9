using System.Runtime.InteropServices;

namespace BatchCycle.Screening;

/// <summary>
/// Records grouped by a key, read-only: one array in which each group's records lie together, in the order they
/// were given, and each key's place in it. A whole-region cycle groups a million projects and three million
/// options; a list per key would cost about three times as much memory, and more again while the lists grow.
/// </summary>
internal sealed class Grouping<T>
{
    private readonly T[] items;
    private readonly Dictionary<string, (int Start, int Count)> groups;

    /// <param name="records">The records, in the order each group keeps.</param>
    /// <param name="key">A record's key; records without one are left out.</param>
    /// <param name="comparer">How keys compare; ordinal when null.</param>
    public Grouping(IEnumerable<T> records, Func<T, string?> key, IEqualityComparer<string>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(key);
        var all = records as IReadOnlyList<T> ?? [.. records];

        // First each record's group and each group's size, then each group's start, then the records in place.
        // Until the records are placed, a key's entry holds its group number rather than its start.
        groups = new Dictionary<string, (int Start, int Count)>(comparer ?? StringComparer.Ordinal);
        var groupOf = new int[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            if (key(all[i]) is not { } k)
            {
                groupOf[i] = -1;
                continue;
            }

            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, k, out var exists);
            if (!exists)
            {
                entry.Start = groups.Count - 1;
            }

            entry.Count++;
            groupOf[i] = entry.Start;
        }

        var next = new int[groups.Count];
        var placed = 0;
        foreach (var (number, count) in groups.Values)
        {
            next[number] = placed;
            placed += count;
        }

        items = new T[placed];
        var starts = (int[])next.Clone();
        for (var i = 0; i < all.Count; i++)
        {
            if (groupOf[i] >= 0)
            {
                items[next[groupOf[i]]++] = all[i];
            }
        }

        foreach (var k in groups.Keys)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(groups, k);
            entry.Start = starts[entry.Start];
        }
    }

    /// <summary>The records of a key, in the order they were given; none for an unknown key.</summary>
    public IReadOnlyList<T> this[string key] =>
        groups.TryGetValue(key, out var group) ? new ArraySegment<T>(items, group.Start, group.Count) : Array.Empty<T>();
}
