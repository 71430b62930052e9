using BatchCycle.Storage;
namespace BatchCycle.Cli;

/// <summary>
/// The checks made on the output folder and the database file before anything is written, so a path the program
/// cannot use is one line naming it and what is wrong (exit 2), never a failure half-way through a run.
/// </summary>
public static class PathArguments
{
    private const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>What is wrong with <paramref name="path"/> as the folder a run writes into, or null.</summary>
    public static string? OutputFolderProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return $"The output folder '{full}' is a file, not a folder.";
        }

        if (FileAbove(full) is { } file)
        {
            return $"The output folder '{full}' cannot be created: '{file}' is a file, not a folder.";
        }

        var existing = ExistingFolder(full);
        return FolderProblem(existing) is { } why
            ? $"The output folder '{full}' cannot be written: {(existing == full ? "it" : $"'{existing}', where it would be created,")} {why}."
            : null;
    }

    /// <summary>What is wrong with <paramref name="database"/> (a SQLite file's path, or a PostgreSQL connection string), or null.</summary>
    public static string? DatabaseProblem(BatchCycleDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsPostgreSql)
        {
            return database.ConnectionProblem();
        }

        var full = database.FilePath;
        if (Directory.Exists(full))
        {
            return $"The database '{full}' is a folder; give the path of the database file (e.g. data/batchcycle.db).";
        }

        if (FileAbove(full) is { } file)
        {
            return $"The database '{full}' cannot be created: '{file}' is a file, not a folder.";
        }

        if (File.Exists(full) && FileProblem(full) is { } fileWhy)
        {
            return $"The database '{full}' cannot be written: it {fileWhy}.";
        }

        // SQLite writes its -wal, -shm and lock files beside the database, so its folder must take new files.
        var folder = ExistingFolder(Path.GetDirectoryName(full)!);
        return FolderProblem(folder) is { } why
            ? $"The database '{full}' cannot be written: its folder '{folder}' {why}."
            : null;
    }

    /// <summary>The nearest folder of <paramref name="path"/> or above it that exists: where a new folder would be created.</summary>
    private static string ExistingFolder(string path)
    {
        var current = path;
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>A file standing where a folder above <paramref name="path"/> would have to be.</summary>
    private static string? FileAbove(string path)
    {
        for (var parent = Path.GetDirectoryName(path); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                return parent;
            }

            if (Directory.Exists(parent))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Why no new file can be made in <paramref name="folder"/>, or null. A folder whose mode grants writing to no one
    /// is refused even where the system would let this user write (root ignores the mode): whoever set that mode
    /// meant it to stay unchanged. Otherwise a hidden probe file is created and removed, which tells what the
    /// system really allows (another owner, an immutable folder, a read-only mount, /proc).
    /// </summary>
    private static string? FolderProblem(string folder)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(folder) & AnyWrite) == 0)
        {
            return $"is read-only (mode {Octal(File.GetUnixFileMode(folder))})";
        }

        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"does not take new files ({ex.Message.TrimEnd('.')})";
        }
    }

    /// <summary>Why <paramref name="file"/> cannot be opened for writing, or null; the mode is read as in <see cref="FolderProblem"/>.</summary>
    private static string? FileProblem(string file)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & AnyWrite) == 0)
        {
            return $"is read-only (mode {Octal(File.GetUnixFileMode(file))})";
        }

        try
        {
            using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot be opened for writing ({ex.Message.TrimEnd('.')})";
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0b111_111_111, 8).PadLeft(3, '0');
}
