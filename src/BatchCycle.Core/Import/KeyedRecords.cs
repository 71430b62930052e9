using BatchCycle.Messages;

namespace BatchCycle.Import;

/// <summary>
/// The records of one input kind by key, across the files of a run read in upload order. Within one file a key
/// read twice is a mistake in that file (the later row is rejected, or kept for the kinds whose files may list
/// a record twice); across files the later file is the correction of the earlier one, so its row replaces the
/// earlier file's rows with that key, and a row equal to the one already read is counted once. Both are said in
/// a notice, so the secretariat sees what a re-upload changed rather than finding the records doubled.
/// </summary>
/// <param name="sameRecord">Whether two records say the same thing, where they were read aside.</param>
/// <param name="rejectWithinFile">False for kinds whose own file may hold several rows with one key (a factory's titles).</param>
internal sealed class KeyedRecords<T, TKey>(
    Func<T, TKey> key,
    Func<T, string> describe,
    Func<T, SourceRow?> source,
    Func<T, T, bool> sameRecord,
    string keyColumn,
    bool rejectWithinFile)
    where TKey : notnull
{
    /// <summary>The kind's records in reading order; replaced ones are dropped by <see cref="Kept"/>.</summary>
    private readonly RecordBlocks<T> records = new();

    /// <summary>Where each file's records start, with the file's ordinal in the run: a run has a few files.</summary>
    private readonly List<(int Start, int File)> files = [];

    /// <summary>
    /// Each key read, by the index of its first record in the file it was last read from. Nearly every key has one
    /// record, so a key's further records within that file are listed apart, by the index of its first.
    /// </summary>
    private KeyIndex<TKey>? read;

    private readonly Dictionary<int, List<int>> further = [];

    private readonly HashSet<int> replaced = [];

    /// <summary>Made at first use: it reads keys from the records, which a field's initializer cannot reach.</summary>
    private KeyIndex<TKey> Read => read ??= new KeyIndex<TKey>(i => key(records[i]));

    /// <summary>Keeps a record read from the run's <paramref name="file"/>-th file; the issue or notice it causes, or null.</summary>
    public ImportIssue? Add(T record, RowReader row, int file, ImportNotices notices)
    {
        var k = key(record);
        // A key read the first time is recorded at the index the record is then kept at.
        var first = Read.FindOrAdd(k, records.Count);
        if (first < 0)
        {
            Keep(record, file);
            return null;
        }

        var earlier = records[first];
        var indexes = Indexes(first);
        if (indexes.Any(i => sameRecord(records[i], record)))
        {
            return notices.AddIdentical(row, keyColumn, Message.Of("Import.Notice.Identical", describe(record), source(earlier)?.ToString() ?? ""));
        }

        if (FileOf(first) == file)
        {
            if (rejectWithinFile)
            {
                return row.Rejection(keyColumn, Message.Of("Import.KeyTwice", describe(record), source(earlier)?.ToString() ?? ""));
            }

            if (!further.TryGetValue(first, out var more))
            {
                further[first] = more = [];
            }

            more.Add(Keep(record, file));
            return null;
        }

        replaced.UnionWith(indexes);
        Read.Set(k, Keep(record, file));
        return notices.AddReplacement(row, keyColumn, Message.Of("Import.Notice.Replaced", describe(record), source(earlier)?.ToString() ?? ""));
    }

    /// <summary>
    /// The records in force: those no later file replaced, in reading order. When none was replaced they are the
    /// records kept while reading, handed over rather than copied: a copy of the 3.1 million options held beside
    /// them would be another 250 MB at the import's peak.
    /// </summary>
    public IReadOnlyList<T> Kept()
    {
        var all = records.Snapshot();
        if (replaced.Count == 0)
        {
            return all;
        }

        var kept = new RecordBlocks<T>();
        for (var i = 0; i < all.Count; i++)
        {
            if (!replaced.Contains(i))
            {
                kept.Add(all[i]);
            }
        }

        return kept.Snapshot();
    }

    /// <summary>Adds the record at the end; returns its index.</summary>
    private int Keep(T record, int file)
    {
        if (files.Count == 0 || files[^1].File != file)
        {
            files.Add((records.Count, file));
        }

        records.Add(record);
        return records.Count - 1;
    }

    /// <summary>The ordinal of the file the record at <paramref name="index"/> was read from.</summary>
    private int FileOf(int index)
    {
        var at = files.Count - 1;
        while (files[at].Start > index)
        {
            at--;
        }

        return files[at].File;
    }

    private IEnumerable<int> Indexes(int first) => further.TryGetValue(first, out var more) ? [first, .. more] : [first];
}

/// <summary>The notices of an import: rows replaced by a later file's row with the same key, and rows read twice.</summary>
public sealed class ImportNotices
{
    /// <summary>How a notice starts in the import report's English, telling it from a problem that rejected something.</summary>
    public const string Prefix = "Notice 提示: ";

    public int Replaced { get; private set; }

    public int Identical { get; private set; }

    internal ImportIssue AddReplacement(RowReader row, string column, Message text)
    {
        Replaced++;
        return Notice(row, column, text);
    }

    internal ImportIssue AddIdentical(RowReader row, string column, Message text)
    {
        Identical++;
        return Notice(row, column, text);
    }

    private static ImportIssue Notice(RowReader row, string column, Message text) =>
        new(row.Source.File, row.Source.Sheet, row.Source.Row, row.Header(column), text);
}
