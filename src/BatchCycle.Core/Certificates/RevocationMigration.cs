using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Certificates;

/// <summary>
/// Guide 11.1, 11.2: a revoked label keeps its row and serial for ever; the revocation adds when it took effect,
/// why, and who recorded it. Certificates revoked before this migration keep <c>Revoked</c> with no details.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201006100_CertificateRevocation")]
public sealed class RevocationMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: """
                ALTER TABLE Certificates ADD COLUMN RevokedOn TEXT NULL;
                ALTER TABLE Certificates ADD COLUMN RevocationReason TEXT NULL;
                ALTER TABLE Certificates ADD COLUMN RevokedBy TEXT NULL;
                """,
            postgreSql: """
                ALTER TABLE "Certificates" ADD COLUMN "RevokedOn" DATE NULL;
                ALTER TABLE "Certificates" ADD COLUMN "RevocationReason" TEXT NULL;
                ALTER TABLE "Certificates" ADD COLUMN "RevokedBy" TEXT NULL;
                """);
}
