using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Import;

/// <summary>The name an input file was uploaded under, beside the name it is stored under (null when the two are the same).</summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201007100_SourceFileOriginalName")]
public sealed class OriginalNameMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: "ALTER TABLE SourceFiles ADD COLUMN OriginalName TEXT NULL;",
            postgreSql: """ALTER TABLE "SourceFiles" ADD COLUMN "OriginalName" TEXT NULL;""");
}
