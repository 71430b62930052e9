using System.Collections;
using System.Runtime.InteropServices;

namespace BatchCycle.Screening;

/// <summary>
/// Records grouped by a key, read-only: one array in which the indexes of each group's records lie together, in
/// the order they were given, and each key's place in it. A whole-region cycle groups a million projects and three
/// million options; a list per key would cost about three times as much memory, and more again while the lists
/// grow. Indexes rather than the records themselves: the projects and options are values of 128 and 80 bytes, and
/// a copy of each in its group would double what they take.
/// </summary>
internal sealed class Grouping<T>
{
    private readonly IReadOnlyList<T> all;
    private readonly int[] order;
    private readonly Dictionary<string, (int Start, int Count)> groups;

    /// <param name="records">The records, in the order each group keeps; a list given is read, never copied, and must not change.</param>
    /// <param name="key">A record's key; records without one are left out.</param>
    /// <param name="comparer">How keys compare; ordinal when null.</param>
    public Grouping(IEnumerable<T> records, Func<T, string?> key, IEqualityComparer<string>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(key);
        all = records as IReadOnlyList<T> ?? [.. records];

        // First each record's group and each group's size, then each group's start, then the indexes in place.
        // Until the indexes are placed, a key's entry holds its group number rather than its start.
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

        order = new int[placed];
        var starts = (int[])next.Clone();
        for (var i = 0; i < all.Count; i++)
        {
            if (groupOf[i] >= 0)
            {
                order[next[groupOf[i]]++] = i;
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
        groups.TryGetValue(key, out var group) ? new Group(all, new ArraySegment<int>(order, group.Start, group.Count)) : Array.Empty<T>();

    /// <summary>One key's records, read from the records given through their indexes.</summary>
    private sealed class Group(IReadOnlyList<T> all, ArraySegment<int> indexes) : IReadOnlyList<T>
    {
        public int Count => indexes.Count;

        public T this[int index] => all[indexes[index]];

        public IEnumerator<T> GetEnumerator()
        {
            foreach (var i in indexes)
            {
                yield return all[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
