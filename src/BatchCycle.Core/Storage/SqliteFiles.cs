using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

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

    /// <summary>
    /// Each connection waits for the disk at checkpoints only, not at every commit (SQLite's <c>synchronous=NORMAL</c>,
    /// its advice for a write-ahead log): a killed run loses nothing it committed, and only a power cut can undo
    /// the last commits, never corrupt the file. Committing a whole region's stored files took a second more for
    /// each 160 MB file otherwise, spent waiting for it to reach the disk twice.
    /// </summary>
    public static DbConnectionInterceptor WriteAheadSync { get; } = new NormalSynchronous();

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

/// <summary>Sets <c>synchronous=NORMAL</c> on every connection as it opens (see <see cref="SqliteFiles.WriteAheadSync"/>).</summary>
internal sealed class NormalSynchronous : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
