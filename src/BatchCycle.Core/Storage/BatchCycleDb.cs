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

        using var db = Open(path);
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
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
