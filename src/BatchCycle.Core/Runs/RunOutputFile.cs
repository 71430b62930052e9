using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Runs;

/// <summary>
/// A file a run wrote into its output folder, as it was when the stage that wrote it finished. The dashboard
/// serves a run's files only from these rows, and only while the file on disk still has this size and hash.
/// </summary>
public sealed class RunOutputFile
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>The stage that last wrote the file, or <see cref="RunOutputs.SummaryStage"/> for run-summary.json.</summary>
    public string Stage { get; set; } = "";

    /// <summary>Relative to the run's output folder, with '/' separators.</summary>
    public string RelativePath { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public DateTime RecordedAt { get; set; }
}

public sealed class RunOutputFileConfiguration : IEntityTypeConfiguration<RunOutputFile>
{
    public void Configure(EntityTypeBuilder<RunOutputFile> builder)
    {
        builder.ToTable("RunOutputFiles");
        builder.HasIndex(f => new { f.RunId, f.RelativePath }).IsUnique();
    }
}

/// <summary>The table of <see cref="RunOutputFile"/>: one row per run and relative path.</summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201001000_RunOutputFiles")]
public sealed class RunOutputFilesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE TABLE RunOutputFiles (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                Stage TEXT NOT NULL,
                RelativePath TEXT NOT NULL,
                Size INTEGER NOT NULL,
                Sha256 TEXT NOT NULL,
                RecordedAt TEXT NOT NULL);
            CREATE UNIQUE INDEX IX_RunOutputFiles_RunId_RelativePath ON RunOutputFiles (RunId, RelativePath);
            """);
}
