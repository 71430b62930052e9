using System.Diagnostics;

namespace BatchCycle.Benchmarks;

/// <summary>
/// The least any run can spend writing its outputs (issue: a run writes tens of thousands of certificates and
/// drafts, which reading the input alone does not account for): the same number of files, with the same names,
/// sub-folders and sizes as a run wrote, from bytes prepared in memory beforehand (one buffer, sliced), written
/// with plain <see cref="FileStream"/> writes on one thread.
/// </summary>
public static class OutputFloor
{
    /// <summary>One file a run wrote: its path below the output folder ('/' between folders) and its size.</summary>
    public sealed record OutputFile(string RelativePath, long Bytes);

    /// <summary>One replay: its wall time, first create to last close, and the files it wrote.</summary>
    public sealed record Result(double Seconds, IReadOnlyList<OutputFile> Files)
    {
        public double Megabytes => Files.Sum(f => f.Bytes) / 1024.0 / 1024.0;
    }

    /// <summary>Every file under <paramref name="folder"/>, in ordinal order of its relative path.</summary>
    public static IReadOnlyList<OutputFile> Walk(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => new OutputFile(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(path).Length))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)];

    /// <summary>Writes <paramref name="files"/> into <paramref name="folder"/>, which must not exist yet.</summary>
    public static Result Replay(IReadOnlyList<OutputFile> files, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The output floor writes into a fresh folder, and '{folder}' exists.");
        }

        var content = Content(files.Count == 0 ? 0 : files.Max(f => f.Bytes));
        // The run makes its folders too, so making them belongs inside the timing; there are only a handful.
        var clock = Stopwatch.StartNew();
        foreach (var directory in files.Select(f => Path.GetDirectoryName(Path.Combine(folder, f.RelativePath))!).Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(directory);
        }

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // No buffer of the stream's own: the slice goes to the file in one write, as cheaply as .NET allows.
            using var stream = new FileStream(Path.Combine(folder, file.RelativePath), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            stream.Write(content.AsSpan(0, checked((int)file.Bytes)));
        }

        clock.Stop();
        return new Result(clock.Elapsed.TotalSeconds, files);
    }

    /// <summary>Printable bytes, as the run's files mostly are, so no file system can store them as holes.</summary>
    private static byte[] Content(long bytes)
    {
        var content = GC.AllocateUninitializedArray<byte>(checked((int)bytes));
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = (byte)('a' + (i % 26));
        }

        return content;
    }
}
