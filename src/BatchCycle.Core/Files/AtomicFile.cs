namespace BatchCycle.Files;

/// <summary>
/// Writes a file whole or not at all: the content goes to a hidden file beside the target
/// (<c>.&lt;name&gt;.&lt;random&gt;.partial</c>), which is then moved over the target in one step. A reader (or a later
/// run checking which outputs exist) never sees half a file; a writer cut off mid-write leaves only such hidden
/// files, which run outputs ignore and <see cref="RemoveLeftovers"/> clears. Each write has its own hidden file,
/// so writers share nothing and files are written side by side.
/// </summary>
public static class AtomicFile
{
    public const string PartialSuffix = ".partial";

    /// <summary>FileStream's own default; a buffer per file of tens of thousands of letters is garbage the run pays for.</summary>
    public const int DefaultBufferSize = 4096;

    /// <summary>For the large files of a run (workbooks, result CSVs): fewer, larger writes.</summary>
    public const int LargeBufferSize = 1 << 16;

    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream.</summary>
    /// <param name="bufferSize">The stream's buffer: the default suits a letter or a certificate; a workbook or a CSV of a whole region writes faster through a larger one.</param>
    public static void Write(string path, Action<Stream> write, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, partial) = Paths(path);
        try
        {
            using (var stream = CreatePartial(partial, bufferSize))
            {
                write(stream);
            }

            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            // Only a failed write leaves its hidden file behind; a completed one was moved, so there is nothing to delete.
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes <paramref name="content"/> as <paramref name="path"/>, in one write without a buffer of its own.</summary>
    public static void WriteAllBytes(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, stream => stream.Write(content), bufferSize: 0);
    }

    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream, asynchronously.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, partial) = Paths(path);
        try
        {
            await using (var stream = CreatePartial(partial, bufferSize))
            {
                await write(stream, cancellationToken);
            }

            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Removes the hidden files of writes that were cut off, so they never pass for files of a run.</summary>
    public static void RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var partial in Directory.EnumerateFiles(folder, "." + "*" + PartialSuffix))
        {
            File.Delete(partial);
        }
    }

    private static (string Full, string Partial) Paths(string path)
    {
        var full = Path.GetFullPath(path);
        // The folder is made on first use, as every writer of a run's outputs did before it shared this one.
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return (full, Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{PartialSuffix}"));
    }

    private static FileStream CreatePartial(string partial, int bufferSize) =>
        new(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
}
