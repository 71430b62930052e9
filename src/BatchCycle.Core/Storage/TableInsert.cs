using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace BatchCycle.Storage;

/// <summary>
/// Writes the many rows of one table of a run (screening results, the applications list, the run's files, and
/// through <see cref="NewRows"/> new certificates and outbox rows) inside the caller's transaction, on either engine:
/// SQLite through one prepared INSERT stepped per row on the connection's own handle, PostgreSQL through a binary
/// COPY, which is what makes a few hundred thousand rows over the network take seconds, not minutes. Identifiers
/// are quoted so that both engines keep the model's names.
/// </summary>
public abstract class TableInsert : IAsyncDisposable
{
    /// <summary>Deletes the run's rows of <paramref name="table"/>, so that the stage writing them can be re-run alone.</summary>
    public static async Task DeleteRunAsync(DbConnection connection, DbTransaction transaction, string table, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var clear = connection.CreateCommand();
        clear.Transaction = transaction;
        clear.CommandText = $"DELETE FROM \"{table}\" WHERE \"RunId\" = @run";
        var run = clear.CreateParameter();
        run.ParameterName = "@run";
        run.Value = runId;
        clear.Parameters.Add(run);
        await clear.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <param name="transaction">The caller's transaction; null when it was begun in SQL (<c>BEGIN IMMEDIATE</c>) on the connection.</param>
    public static async Task<TableInsert> StartAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(columns);
        // On SQLite the rows are stepped on the connection's handle: outside a transaction each would be committed alone.
        if ((transaction is not null && transaction.Connection != connection)
            || (connection is SqliteConnection { Handle: { } handle } && raw.sqlite3_get_autocommit(handle) != 0))
        {
            throw new ArgumentException("The rows are written inside a transaction of the same connection.", nameof(transaction));
        }

        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (connection is NpgsqlConnection npgsql)
        {
            var copy = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            return new CopyInsert(copy);
        }

        if (connection is not SqliteConnection sqlite)
        {
            throw new ArgumentException($"No bulk insert for a {connection.GetType().Name}.", nameof(connection));
        }

        return new StatementInsert(sqlite.Handle!, $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})");
    }

    /// <summary>One row, its values in the order of the columns; null for NULL; a <see cref="DateTime"/> is UTC.</summary>
    public abstract void Add(params ReadOnlySpan<object?> values);

    /// <summary>Ends the rows; a COPY that is disposed without it is cancelled.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// SQLite's own prepared statement, bound and stepped per row: through <c>SqliteCommand</c> each row also made a
    /// reader and bound every parameter anew by its type. 740,000 requirement lines took 3.5–3.8 s that way, 2.2–2.7 s this way.
    /// Values are bound as Microsoft.Data.Sqlite binds them, so that EF Core reads them back the same.
    /// </summary>
    private sealed class StatementInsert : TableInsert
    {
        private readonly sqlite3 database;
        private readonly sqlite3_stmt statement;

        public StatementInsert(sqlite3 database, string sql)
        {
            this.database = database;
            Check(raw.sqlite3_prepare_v2(database, sql, out statement), raw.SQLITE_OK);
        }

        public override void Add(params ReadOnlySpan<object?> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                Check(Bind(i + 1, values[i]), raw.SQLITE_OK);
            }

            Check(raw.sqlite3_step(statement), raw.SQLITE_DONE);
            Check(raw.sqlite3_reset(statement), raw.SQLITE_OK);
        }

        public override Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask DisposeAsync()
        {
            GC.SuppressFinalize(this);
            statement.Dispose();
            return ValueTask.CompletedTask;
        }

        private int Bind(int index, object? value) => value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text16(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            // Microsoft.Data.Sqlite's text forms of a DateTime and a DateOnly, which EF Core's SQLite provider reads back.
            DateTime moment => raw.sqlite3_bind_text16(statement, index, moment.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            DateOnly day => raw.sqlite3_bind_text16(statement, index, day.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"No SQLite form for a value of type {value.GetType().Name}.", nameof(value)),
        };

        private void Check(int result, int expected)
        {
            if (result != expected)
            {
                SqliteException.ThrowExceptionForRC(result, database);
            }
        }
    }

    private sealed class CopyInsert(NpgsqlBinaryImporter copy) : TableInsert
    {
        public override void Add(params ReadOnlySpan<object?> values)
        {
            copy.StartRow();
            foreach (var value in values)
            {
                switch (value)
                {
                    case null:
                        copy.WriteNull();
                        break;
                    case string text:
                        copy.Write(text);
                        break;
                    case long number:
                        copy.Write(number);
                        break;
                    case int number:
                        copy.Write(number);
                        break;
                    case bool flag:
                        copy.Write(flag);
                        break;
                    case DateTime moment:
                        copy.Write(DateTime.SpecifyKind(moment, DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz);
                        break;
                    default:
                        throw new ArgumentException($"No COPY form for a value of type {value.GetType().Name}.", nameof(values));
                }
            }
        }

        public override async Task CompleteAsync(CancellationToken cancellationToken) => await copy.CompleteAsync(cancellationToken);

        public override ValueTask DisposeAsync()
        {
            GC.SuppressFinalize(this);
            return copy.DisposeAsync();
        }
    }
}
