namespace BatchCycle.Import;

/// <summary>
/// Which record, by its index among a kind's records, holds each key read: an open-addressed table of the
/// records' indexes and their keys' hash codes, whose keys are read from the records themselves. At 100× a
/// <see cref="Dictionary{TKey, TValue}"/> of the 3.1 million options' keys was 264 MB (a key of two references
/// and an entry per slot, 6 million slots) and held 384 MB while it grew; this table is 32 MB.
/// </summary>
/// <param name="keyOf">The key of the record at an index.</param>
internal sealed class KeyIndex<TKey>(Func<int, TKey> keyOf)
    where TKey : notnull
{
    /// <summary>The table grows when three quarters of its slots are taken: probes stay short.</summary>
    private const int MaxLoadPercent = 75;

    private readonly IEqualityComparer<TKey> comparer = EqualityComparer<TKey>.Default;

    /// <summary>Each slot's record index plus one (0 for an empty slot) and its key's hash code.</summary>
    private Slot[] slots = new Slot[16];

    public int Count { get; private set; }

    /// <summary>The index of the record holding <paramref name="key"/>, or -1 when the key was not read.</summary>
    public int Find(TKey key) => slots[Probe(key, Hash(key))].Record - 1;

    /// <summary>
    /// The index of the record holding <paramref name="key"/>, or -1 after recording that the record at
    /// <paramref name="index"/> holds it: one probe for a key read the first time, as nearly every key is.
    /// </summary>
    public int FindOrAdd(TKey key, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var hash = Hash(key);
        var at = Probe(key, hash);
        if (slots[at].Record != 0)
        {
            return slots[at].Record - 1;
        }

        Add(at, index, hash);
        return -1;
    }

    /// <summary>Records that <paramref name="key"/> is now held by the record at <paramref name="index"/>, in place of any before it.</summary>
    public void Set(TKey key, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var hash = Hash(key);
        var at = Probe(key, hash);
        if (slots[at].Record != 0)
        {
            slots[at] = new Slot(index + 1, hash);
            return;
        }

        Add(at, index, hash);
    }

    private void Add(int at, int index, int hash)
    {
        slots[at] = new Slot(index + 1, hash);
        Count++;
        if (Count * 100L > slots.Length * (long)MaxLoadPercent)
        {
            Grow();
        }
    }

    private int Hash(TKey key) => comparer.GetHashCode(key);

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go.</summary>
    private int Probe(TKey key, int hash)
    {
        var mask = slots.Length - 1;
        for (var at = Spread(hash) & mask; ; at = (at + 1) & mask)
        {
            var slot = slots[at];
            if (slot.Record == 0 || (slot.Hash == hash && comparer.Equals(keyOf(slot.Record - 1), key)))
            {
                return at;
            }
        }
    }

    private void Grow()
    {
        var old = slots;
        slots = new Slot[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Record == 0)
            {
                continue;
            }

            var at = Spread(slot.Hash) & mask;
            while (slots[at].Record != 0)
            {
                at = (at + 1) & mask;
            }

            slots[at] = slot;
        }
    }

    /// <summary>Mixes the hash's high bits into the low ones the mask keeps: string hashes are good, tuple ones less so.</summary>
    private static int Spread(int hash)
    {
        var mixed = (uint)hash * 0x9E3779B9u;
        return (int)(mixed ^ (mixed >> 16));
    }

    private readonly record struct Slot(int Record, int Hash);
}
