using System.Collections;

namespace BatchCycle.Import;

/// <summary>
/// A kind's records in reading order, kept in blocks of a fixed size rather than in one array that doubles. The
/// projects and options are values laid inline (3.1 million options of 80 bytes at 100×, 250 MB): a doubling list
/// copies its whole array at each growth and holds the old and the new one meanwhile. Records are only ever added
/// at the end, so a <see cref="Snapshot"/> keeps the records it was taken with, without a copy of them.
/// </summary>
internal sealed class RecordBlocks<T>
{
    /// <summary>A block holds 2^14 = 16,384 records; only the first block grows, so that a small import stays small.</summary>
    private const int BlockBits = 14;

    private const int BlockSize = 1 << BlockBits;

    private const int FirstBlockSize = 16;

    private readonly List<T[]> blocks = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return blocks[index >> BlockBits][index & (BlockSize - 1)];
        }
    }

    public void Add(T record)
    {
        var offset = Count & (BlockSize - 1);
        if (blocks.Count == 0)
        {
            blocks.Add(new T[FirstBlockSize]);
        }
        else if (offset == 0)
        {
            blocks.Add(new T[BlockSize]);
        }
        else if (offset == blocks[^1].Length)
        {
            var grown = blocks[^1];
            Array.Resize(ref grown, Math.Min(BlockSize, grown.Length * 2));
            blocks[^1] = grown;
        }

        blocks[^1][offset] = record;
        Count++;
    }

    /// <summary>The records added so far, read-only; records added later are not in it.</summary>
    public IReadOnlyList<T> Snapshot() => new View([.. blocks], Count);

    private sealed class View(T[][] blocks, int count) : IReadOnlyList<T>
    {
        public int Count => count;

        public T this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
                return blocks[index >> BlockBits][index & (BlockSize - 1)];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return blocks[i >> BlockBits][i & (BlockSize - 1)];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
