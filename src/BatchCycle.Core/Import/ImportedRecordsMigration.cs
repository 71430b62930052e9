using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Import;

/// <summary>
/// Drops the copy of every imported record as JSON. A run's records are kept in memory from stage to stage and,
/// when they are not there, read again from the run's source files, which the database keeps byte for byte:
/// the copy cost more than the rest of a whole-region run and was never read.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261121001000_DropImportedRecords")]
public sealed class ImportedRecordsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: """
                DROP INDEX IF EXISTS IX_ImportedRecords_RunId_Kind;
                DROP TABLE IF EXISTS ImportedRecords;
                """,
            postgreSql: """
                DROP INDEX IF EXISTS "IX_ImportedRecords_RunId_Kind";
                DROP TABLE IF EXISTS "ImportedRecords";
                """);
}
