using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BatchCycle.Storage;

/// <summary>The embedded SQLite database: runs, imported files and rows, results, certificates, users.</summary>
public sealed class BatchCycleDb(DbContextOptions<BatchCycleDb> options) : DbContext(options)
{
    public DbSet<RunRecord> Runs => Set<RunRecord>();

    public DbSet<RunStageRecord> RunStages => Set<RunStageRecord>();

    public DbSet<SourceFileRecord> SourceFiles => Set<SourceFileRecord>();

    public DbSet<ImportIssueRecord> ImportIssues => Set<ImportIssueRecord>();


    public DbSet<ScreeningOutcomeRecord> ScreeningOutcomes => Set<ScreeningOutcomeRecord>();

    public DbSet<RequirementResultRecord> RequirementResults => Set<RequirementResultRecord>();

    public DbSet<CertificateRecord> Certificates => Set<CertificateRecord>();

    public DbSet<UserRecord> Users => Set<UserRecord>();

    /// <summary>Opens the database file, creating it and applying the migrations when needed.</summary>
    public static BatchCycleDb Open(string path)
    {
        var db = new BatchCycleDb(Options(path));
        return db;
    }

    /// <summary>Creates the folder and file, applies every migration, and switches to WAL so the dashboard reads while a run writes.</summary>
    public static void Migrate(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        CreatePrivate(Path.GetFullPath(path));
        using var db = Open(path);
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
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

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = false,
        DefaultTimeout = 60,
    }.ToString();

    private static DbContextOptions<BatchCycleDb> Options(string path) =>
        new DbContextOptionsBuilder<BatchCycleDb>()
            .UseSqlite(ConnectionString(path))
            // Migrations are hand-written (the design-time package cannot be restored here), so there is no
            // model snapshot to compare with; the migrations themselves are tested against the model.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunRecord>(e =>
        {
            e.ToTable("Runs");
            e.Property(r => r.State).HasConversion<string>();
            e.HasMany(r => r.Stages).WithOne().HasForeignKey(s => s.RunId);
        });
        modelBuilder.Entity<RunStageRecord>(e =>
        {
            e.ToTable("RunStages");
            e.Property(r => r.State).HasConversion<string>();
        });
        modelBuilder.Entity<SourceFileRecord>().ToTable("SourceFiles");
        modelBuilder.Entity<ImportIssueRecord>().ToTable("ImportIssues");
        modelBuilder.Entity<ScreeningOutcomeRecord>().ToTable("ScreeningOutcomes");
        modelBuilder.Entity<RequirementResultRecord>().ToTable("RequirementResults");
        modelBuilder.Entity<CertificateRecord>().ToTable("Certificates");
        modelBuilder.Entity<UserRecord>().ToTable("Users");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BatchCycleDb).Assembly);
    }
}
