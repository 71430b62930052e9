using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace BatchCycle.Storage;

/// <summary>
/// Writes the many rows of one table of a run (screening results, the applications list) inside the caller's
/// transaction, on either engine: SQLite through one prepared INSERT run synchronously per row (Microsoft.Data.Sqlite
/// runs the async form synchronously anyway, at a cost per row), PostgreSQL through a binary COPY, which is what
/// makes a few hundred thousand rows over the network take seconds, not minutes. Identifiers are quoted so that
/// both engines keep the model's names.
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

    public static async Task<TableInsert> StartAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(columns);
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (connection is NpgsqlConnection npgsql)
        {
            var copy = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            return new CopyInsert(copy);
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => Name(i)))})";
        for (var i = 0; i < columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Name(i);
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return new CommandInsert(command);
    }

    /// <summary>One row, its values in the order of the columns; null for NULL; a <see cref="DateTime"/> is UTC.</summary>
    public abstract void Add(params object?[] values);

    /// <summary>Ends the rows; a COPY that is disposed without it is cancelled.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"@p{i}");

    private sealed class CommandInsert(DbCommand command) : TableInsert
    {
        public override void Add(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        public override Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask DisposeAsync()
        {
            GC.SuppressFinalize(this);
            return command.DisposeAsync();
        }
    }

    private sealed class CopyInsert(NpgsqlBinaryImporter copy) : TableInsert
    {
        public override void Add(params object?[] values)
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
