using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Storage;

/// <summary>
/// The database (SQLite or PostgreSQL, see <see cref="BatchCycleDatabase"/>, which opens it): runs, imported files
/// and rows, results, certificates, users.
/// </summary>
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
