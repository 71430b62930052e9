using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Storage;

/// <summary>
/// The hand-written migrations speak both dialects: SQLite's SQL as it always was (databases made with it are
/// unchanged), and PostgreSQL's, whose identifiers are quoted (the model's names keep their case) and whose
/// columns have the types the model's properties map to there (bigint, boolean, date, timestamptz, bytea).
/// </summary>
public static class ProviderSql
{
    public const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static void SqlFor(this MigrationBuilder migrationBuilder, string sqlite, string postgreSql)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == PostgreSqlProvider ? postgreSql : sqlite);
    }
}
