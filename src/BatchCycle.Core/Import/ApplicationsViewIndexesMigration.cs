using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Import;

/// <summary>
/// Indexes for the dashboard's applications list filters (label type, outcome, decision), so that a filtered
/// page of a 100,000-application run reads the matching rows only; see the applications-view benchmark.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201009000_ApplicationsViewIndexes")]
public sealed class ApplicationsViewIndexesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: """
                CREATE INDEX IX_ScreeningOutcomes_RunId_Outcome ON ScreeningOutcomes (RunId, Outcome, ApplicationId);
                CREATE INDEX IX_ScreeningOutcomes_RunId_LabelType ON ScreeningOutcomes (RunId, LabelType, ApplicationId);
                CREATE INDEX IX_RunApplications_RunId_PanelDecision ON RunApplications (RunId, PanelDecision, ApplicationId);
                """,
            postgreSql: """
                CREATE INDEX "IX_ScreeningOutcomes_RunId_Outcome" ON "ScreeningOutcomes" ("RunId", "Outcome", "ApplicationId");
                CREATE INDEX "IX_ScreeningOutcomes_RunId_LabelType" ON "ScreeningOutcomes" ("RunId", "LabelType", "ApplicationId");
                CREATE INDEX "IX_RunApplications_RunId_PanelDecision" ON "RunApplications" ("RunId", "PanelDecision", "ApplicationId");
                """);
}
