using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Runs;

/// <summary>
/// A run is linked to the background job that runs it (its retries resume the same run), and a paused schedule is
/// kept in the database, so a pause survives a restart of the dashboard.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201005100_RunJobs")]
public sealed class RunQueueMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: """
                ALTER TABLE Runs ADD COLUMN JobId TEXT NULL;
                CREATE INDEX IX_Runs_JobId ON Runs (JobId);
                CREATE TABLE SchedulePauses (
                    Name TEXT NOT NULL PRIMARY KEY,
                    PausedBy TEXT NOT NULL,
                    PausedAt TEXT NOT NULL);
                """,
            postgreSql: """
                ALTER TABLE "Runs" ADD COLUMN "JobId" TEXT NULL;
                CREATE INDEX "IX_Runs_JobId" ON "Runs" ("JobId");
                CREATE TABLE "SchedulePauses" (
                    "Name" TEXT NOT NULL PRIMARY KEY,
                    "PausedBy" TEXT NOT NULL,
                    "PausedAt" TIMESTAMPTZ NOT NULL);
                """);
}

/// <summary>A schedule of the settings that the secretariat paused; resuming deletes the row.</summary>
public sealed class SchedulePauseRecord
{
    public string Name { get; set; } = "";

    public string PausedBy { get; set; } = "";

    public DateTime PausedAt { get; set; }
}

public sealed class SchedulePauseConfiguration : IEntityTypeConfiguration<SchedulePauseRecord>
{
    public void Configure(EntityTypeBuilder<SchedulePauseRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SchedulePauses");
        builder.HasKey(p => p.Name);
    }
}
