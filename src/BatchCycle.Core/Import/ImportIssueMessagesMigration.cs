using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Import;

/// <summary>
/// Each import issue keeps its problem as a message of the catalogue (JSON, see <c>MessageJson</c>) beside the
/// English text, so import-issues.csv and the panel workbook written by a later stage show it in Chinese too
/// (issue 16, "one message catalogue"). Issues stored before have none and show their English text.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201004000_ImportIssueMessages")]
public sealed class ImportIssueMessagesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: "ALTER TABLE ImportIssues ADD COLUMN ProblemMessage TEXT NULL;",
            postgreSql: """ALTER TABLE "ImportIssues" ADD COLUMN "ProblemMessage" TEXT NULL;""");
}
