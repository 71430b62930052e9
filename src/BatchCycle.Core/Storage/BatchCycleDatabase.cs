using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BatchCycle.Storage;

/// <summary>Which engine holds the database.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file, for one machine (the default).</summary>
    Sqlite,

    /// <summary>A server that several dashboard nodes share (two offices, one cycle).</summary>
    PostgreSql,
}

/// <summary>
/// Where the database is, as <c>--db</c> and <c>BatchCycle:Database</c> give it: a SQLite file path, or a PostgreSQL
/// connection string (<c>Host=…;Database=…;Username=…</c>). Every part of the product opens the database through
/// this one value, so the engine is chosen in one place.
/// </summary>
public sealed partial record BatchCycleDatabase
{
    private BatchCycleDatabase(DatabaseProvider provider, string location)
    {
        Provider = provider;
        Location = location;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The full path of the SQLite file, or the PostgreSQL connection string.</summary>
    public string Location { get; }

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>A connection string names its host (<c>Host=</c> or <c>Server=</c>); anything else is a file path.</summary>
    public static BatchCycleDatabase Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return HostKey().IsMatch(location)
            ? new BatchCycleDatabase(DatabaseProvider.PostgreSql, location.Trim())
            : Sqlite(location);
    }

    public static BatchCycleDatabase Sqlite(string path) => new(DatabaseProvider.Sqlite, Path.GetFullPath(path));

    /// <summary>The SQLite file; only for what exists beside a file (its mode, its lock file).</summary>
    public string FilePath => Provider == DatabaseProvider.Sqlite
        ? Location
        : throw new InvalidOperationException("A PostgreSQL database has no file.");

    /// <summary>The files the database is kept in: a SQLite file; none for a server.</summary>
    public IReadOnlyList<string> Files => IsPostgreSql ? [] : [Location];

    /// <summary>A SQLite file exists once created; a PostgreSQL database is the server's, and is taken to exist.</summary>
    public bool Exists => IsPostgreSql || File.Exists(Location);

    /// <summary>What is wrong with the connection string (it must name a host and a database), or null.</summary>
    public string? ConnectionProblem()
    {
        if (!IsPostgreSql)
        {
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(Location);
            return string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database)
                ? "The PostgreSQL connection string must name the server and the database, e.g. Host=db.example;Database=batchcycle;Username=batchcycle."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"The PostgreSQL connection string cannot be read: {ex.Message}";
        }
    }

    /// <summary>For messages and logs: the file, or the server and database without the password.</summary>
    public override string ToString()
    {
        if (!IsPostgreSql)
        {
            return Location;
        }

        if (ConnectionProblem() is not null)
        {
            return "PostgreSQL (unreadable connection string)";
        }

        var builder = new NpgsqlConnectionStringBuilder(Location);
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>A context on the database; the caller disposes it.</summary>
    public BatchCycleDb Open() => new(Options());

    /// <summary>
    /// Applies every migration (a SQLite file is created first, owner-only, and switched to WAL so the dashboard
    /// reads while a run writes). On PostgreSQL two nodes starting at once apply them one after the other, under
    /// an advisory lock: the second finds nothing left to apply.
    /// </summary>
    public void Migrate()
    {
        if (!IsPostgreSql)
        {
            SqliteFiles.Prepare(Location);
        }

        using var serialised = IsPostgreSql ? AdvisoryLock.Take(this, AdvisoryLock.Named(AdvisoryLock.Migrations)) : null;
        using var db = Open();
        db.Database.Migrate();
        if (!IsPostgreSql)
        {
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
    }

    private DbContextOptions<BatchCycleDb> Options()
    {
        // A list in a query (ids.Contains(m.Id)) goes to the database as one array-like parameter, not as one
        // parameter per value (EF's default): a whole region's tens of thousands of labels or messages are past the
        // values one statement takes (SQLite 32,766, PostgreSQL 65,535), and such a query would fail.
        var builder = new DbContextOptionsBuilder<BatchCycleDb>();
        if (IsPostgreSql)
        {
            builder.UseNpgsql(Location, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        else
        {
            builder.UseSqlite(SqliteFiles.ConnectionString(Location), o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }

        // Migrations are hand-written (the design-time package cannot be restored here), so there is no
        // model snapshot to compare with; the migrations themselves are tested against the model.
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options;
    }

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostKey();
}
