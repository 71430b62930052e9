using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace BatchCycle.Tests.Storage;

/// <summary>
/// The hand-written migrations on PostgreSQL: applied to an empty database, and to a database left at each earlier
/// migration, they end with every table and column of the model, each of the type the model maps it to there.
/// </summary>
public sealed class PostgresMigrationTests
{
    public static TheoryData<string> EarlierMigrations()
    {
        using var db = BatchCycleDatabase.Parse("Host=localhost;Database=model").Open();
        var data = new TheoryData<string>();
        foreach (var id in db.Database.GetMigrations().SkipLast(1))
        {
            data.Add(id);
        }

        return data;
    }

    [PostgresFact]
    public async Task An_empty_database_gets_every_table_and_column_of_the_model()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        server.Database.Migrate();
        await AssertMatchesModelAsync(server.Database);
    }

    [PostgresTheory]
    [MemberData(nameof(EarlierMigrations))]
    public async Task A_database_at_an_earlier_migration_is_brought_up_to_the_model(string earlier)
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        await using (var db = server.Database.Open())
        {
            await db.GetService<IMigrator>().MigrateAsync(earlier);
            Assert.Equal(earlier, (await db.Database.GetAppliedMigrationsAsync()).Last());
        }

        server.Database.Migrate();
        await AssertMatchesModelAsync(server.Database);
        await using var migrated = server.Database.Open();
        Assert.Empty(await migrated.Database.GetPendingMigrationsAsync());
    }

    [PostgresFact]
    public async Task Two_nodes_migrating_at_once_both_succeed()
    {
        await using var server = await PostgresServer.CreateDatabaseAsync();
        await Task.WhenAll(Task.Run(server.Database.Migrate), Task.Run(server.Database.Migrate));
        await AssertMatchesModelAsync(server.Database);
    }

    private static async Task AssertMatchesModelAsync(BatchCycleDatabase database)
    {
        var actual = await ColumnsAsync(database);
        await using var db = database.Open();
        var expected = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, null);
            foreach (var property in entity.GetProperties())
            {
                expected.Add($"{table}.{property.GetColumnName(store)}: {property.GetColumnType()}");
            }
        }

        Assert.Empty(expected.Except(actual, StringComparer.Ordinal));
    }

    private static async Task<List<string>> ColumnsAsync(BatchCycleDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.Location);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add($"{reader.GetString(0)}.{reader.GetString(1)}: {reader.GetString(2)}");
        }

        return columns;
    }
}
