using BatchCycle.Storage;
using Npgsql;

namespace BatchCycle.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>BATCHCYCLE_TEST_POSTGRES</c> holds a connection string to it, for a role
/// that may create databases (<c>.ci/run</c> starts a cluster on a free loopback port and sets it). Each test gets
/// a database of its own, so tests run side by side, and drops it afterwards.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Variable = "BATCHCYCLE_TEST_POSTGRES";

    public const string MissingReason =
        "Needs a PostgreSQL server: set BATCHCYCLE_TEST_POSTGRES to a connection string of a role that may create databases "
        + "(.ci/run installs PostgreSQL, starts a cluster and sets it).";

    private readonly string admin;

    private PostgresServer(string admin, string name)
    {
        this.admin = admin;
        Name = name;
        Database = BatchCycleDatabase.Parse(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public string Name { get; }

    /// <summary>The test's own empty database (UTF-8, byte-order collation like SQLite's).</summary>
    public BatchCycleDatabase Database { get; }

    public static async Task<PostgresServer> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(MissingReason);
        var server = new PostgresServer(admin, "batchcycle_test_" + Guid.NewGuid().ToString("N"));
        await server.ExecuteAsync($"CREATE DATABASE \"{server.Name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs the PostgreSQL server; skipped, saying so, when none is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.AdminConnectionString is null)
        {
            Skip = PostgresServer.MissingReason;
        }
    }
}

/// <summary>A theory that needs the PostgreSQL server; skipped, saying so, when none is configured.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.AdminConnectionString is null)
        {
            Skip = PostgresServer.MissingReason;
        }
    }
}
