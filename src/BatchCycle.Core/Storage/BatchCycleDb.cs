using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    /// <summary>
    /// Times are written in UTC everywhere. SQLite keeps them as text and gives them back without a kind; on
    /// PostgreSQL (timestamptz) they are sent as UTC and given back the same way as SQLite does, so that every file
    /// and page written from them reads the same on both engines.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.ProviderName == ProviderSql.PostgreSqlProvider)
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcWithoutKind>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcWithoutKind>();
        }
    }

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

/// <summary>See <see cref="BatchCycleDb.ConfigureConventions"/>.</summary>
internal sealed class UtcWithoutKind() : ValueConverter<DateTime, DateTime>(
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified));
