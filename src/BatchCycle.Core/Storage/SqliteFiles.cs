using Microsoft.Data.Sqlite;

namespace BatchCycle.Storage;

/// <summary>What only an embedded SQLite database needs: its folder, its file mode and its connection string.</summary>
public static class SqliteFiles
{
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = false,
        DefaultTimeout = 60,
    }.ToString();

    /// <summary>Creates the folder and the file (owner-only) before the first migration.</summary>
    public static void Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        CreatePrivate(full);
    }

    /// <summary>
    /// The database holds password hashes and every input file: it is created readable and writable by its owner
    /// only (0600), like the keys, and one made earlier loses any group and other access. SQLite gives the -wal
    /// and -shm files it makes the mode of the database file. An empty file is an empty SQLite database.
    /// </summary>
    private static void CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = ownerOnly });
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & ~(ownerOnly | UnixFileMode.UserExecute)) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, mode & ownerOnly);
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's file: its owner decides who reads it; this user only uses it.
        }
    }
}
