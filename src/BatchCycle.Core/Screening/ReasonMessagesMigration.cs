using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Screening;

/// <summary>
/// Each requirement line keeps its reason as a message of the catalogue (JSON, see <c>MessageJson</c>) beside the
/// English note, so a stage that reads the results back (the panel workbook of a resumed run) shows them in Chinese
/// too. Lines stored before have none and show their English note.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201003000_ReasonMessages")]
public sealed class ReasonMessagesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: "ALTER TABLE RequirementResults ADD COLUMN Reason TEXT NULL;",
            postgreSql: """ALTER TABLE "RequirementResults" ADD COLUMN "Reason" TEXT NULL;""");
}
