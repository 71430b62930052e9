using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Storage.Migrations;

/// <summary>
/// A security stamp and a disabled flag per account. Existing accounts get a random stamp, so that the cookies
/// issued before this migration (which carry none) no longer open a session.
/// </summary>
[DbContext(typeof(BatchCycleDb))]
[Migration("20261201001100_UserSecurity")]
public sealed class UserSecurityMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.SqlFor(
            sqlite: """
                ALTER TABLE Users ADD COLUMN SecurityStamp TEXT NOT NULL DEFAULT '';
                ALTER TABLE Users ADD COLUMN Disabled INTEGER NOT NULL DEFAULT 0;
                UPDATE Users SET SecurityStamp = lower(hex(randomblob(16)));
                """,
            postgreSql: """
                ALTER TABLE "Users" ADD COLUMN "SecurityStamp" TEXT NOT NULL DEFAULT '';
                ALTER TABLE "Users" ADD COLUMN "Disabled" BOOLEAN NOT NULL DEFAULT FALSE;
                UPDATE "Users" SET "SecurityStamp" = replace(gen_random_uuid()::text, '-', '');
                """);
}
