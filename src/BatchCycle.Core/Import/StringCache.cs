using System.Diagnostics.CodeAnalysis;

namespace BatchCycle.Import;

/// <summary>
/// Gives equal texts read on different rows one copy in memory. A whole-region cycle repeats the same factory
/// ids, names and project references on millions of rows (each option names its project, each project its
/// factory and provider); a string per cell would be hundreds of megabytes of copies.
/// <para>
/// A fixed table of slots, each remembering the last text hashed to it: bounded in size, without locks (rows
/// are parsed on several threads, and a reference is written whole), and lossy: a text whose slot was taken
/// by another is simply kept as read. Only which copy a record holds depends on it, never a value.
/// </para>
/// </summary>
public sealed class StringCache
{
    private readonly string?[] slots;
    private readonly int mask;

    /// <param name="slotBits">The table holds 2^slotBits texts.</param>
    public StringCache(int slotBits = 21)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotBits, 28);
        slots = new string?[1 << slotBits];
        mask = slots.Length - 1;
    }

    /// <summary>The copy of <paramref name="text"/> kept before, or the text itself, now kept.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Intern(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var slot = text.GetHashCode() & mask;
        var kept = Volatile.Read(ref slots[slot]);
        if (kept is not null && string.Equals(kept, text, StringComparison.Ordinal))
        {
            return kept;
        }

        Volatile.Write(ref slots[slot], text);
        return text;
    }
}
