using System.Text.Json;
using System.Text.Json.Serialization;
using BatchCycle.Runs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Import;

/// <summary>
/// Keeps a run's imported records in the database (table <c>ImportedRecords</c>, one JSON row per record) and
/// reads them back, so each later stage starts from what the import stored, not from the files.
/// <para>
/// Four stages read the same records; deserialising millions of JSON rows four times cost more than the rest of
/// those stages together. So the records last saved or loaded stay in memory with the identity of the rows they
/// came from (count, lowest and highest <c>Id</c>: ids are AUTOINCREMENT, never reused, so any new save of the
/// run changes them) and a load whose rows still have that identity returns them instead of reading again.
/// </para>
/// </summary>
public static class ImportStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Records serialised per batch while the batch before is inserted.</summary>
    private const int SaveChunk = 8192;

    private static readonly Lock CacheLock = new();
    private static Stored? cache;

    public static async Task SaveAsync(RunContext run, CycleData data, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using (var clear = connection.CreateCommand())
        {
            // Re-running the import of a run replaces what it stored before instead of adding to it.
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM ImportedRecords WHERE RunId = $run";
            clear.Parameters.AddWithValue("$run", run.RunId);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO ImportedRecords (RunId, Kind, Json) VALUES ($run, $kind, $json)";
        insert.Parameters.AddWithValue("$run", run.RunId);
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        insert.Prepare();

        // The next chunk is serialised on another thread while this one is inserted: SQLite takes one writer, but
        // the JSON need not wait for it (on 2 cores this hides most of the serialising; measured in the commit).
        async Task Write<T>(IReadOnlyList<T> records)
        {
            kind.Value = typeof(T).Name;
            Task<string[]> Serialise(int start) => Task.Run(
                () =>
                {
                    var chunk = new string[Math.Min(SaveChunk, records.Count - start)];
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = JsonSerializer.Serialize(records[start + i], Json);
                    }

                    return chunk;
                },
                cancellationToken);

            var next = records.Count > 0 ? Serialise(0) : null;
            for (var start = 0; next is not null; start += SaveChunk)
            {
                var chunk = await next;
                next = start + SaveChunk < records.Count ? Serialise(start + SaveChunk) : null;
                foreach (var text in chunk)
                {
                    json.Value = text;
                    // Synchronous: Microsoft.Data.Sqlite runs the async form synchronously anyway, at a cost per row.
                    insert.ExecuteNonQuery();
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        await Write(data.Applications);
        await Write(data.FundedProjects);
        await Write(data.ImprovementOptions);
        await Write(data.Violations);
        await Write(data.RegisterLabels);
        await Write(data.Titles);
        await Write(data.ServiceProviders);
        await Write(data.Complaints);
        await Write(data.Procurements);
        await Write(data.PanelDecisions);
        var rows = await RowsAsync(connection, transaction, run.RunId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Remember(new Stored(Path.GetFullPath(run.DatabasePath), run.RunId, rows, data));
    }

    /// <summary>The records a run imported, each kind in the order it was imported.</summary>
    public static async Task<CycleData> LoadAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var database = Path.GetFullPath(run.DatabasePath);
        var rows = await RowsAsync(connection, null, run.RunId, cancellationToken);
        lock (CacheLock)
        {
            if (cache is { } stored && stored.Database == database && stored.RunId == run.RunId && stored.Rows == rows)
            {
                return stored.Data;
            }
        }

        async Task<IReadOnlyList<T>> Read<T>()
        {
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT Json FROM ImportedRecords WHERE RunId = $run AND Kind = $kind ORDER BY Id";
            select.Parameters.AddWithValue("$run", run.RunId);
            select.Parameters.AddWithValue("$kind", typeof(T).Name);
            var list = new List<T>();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
            }

            return list;
        }

        var data = new CycleData(
            await Read<Application>(),
            await Read<FundedProject>(),
            await Read<ImprovementOption>(),
            await Read<Violation>(),
            await Read<RegisterLabel>(),
            await Read<Title>(),
            await Read<ServiceProvider>(),
            await Read<Complaint>(),
            await Read<ProcurementDeclaration>(),
            await Read<PanelDecision>());
        Remember(new Stored(database, run.RunId, rows, data));
        return data;
    }

    private static void Remember(Stored stored)
    {
        lock (CacheLock)
        {
            cache = stored;
        }
    }

    /// <summary>The identity of a run's stored rows: their count and lowest and highest id.</summary>
    private static async Task<(long Count, long First, long Last)> RowsAsync(SqliteConnection connection, SqliteTransaction? transaction, long runId, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT COUNT(*), COALESCE(MIN(Id), 0), COALESCE(MAX(Id), 0) FROM ImportedRecords WHERE RunId = $run";
        select.Parameters.AddWithValue("$run", runId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private sealed record Stored(string Database, long RunId, (long Count, long First, long Last) Rows, CycleData Data);
}
