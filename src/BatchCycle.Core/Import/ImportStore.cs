using System.Text.Json;
using System.Text.Json.Serialization;
using BatchCycle.Runs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Import;

/// <summary>
/// Keeps a run's imported records in the database (table <c>ImportedRecords</c>, one JSON row per record) and
/// reads them back, so each later stage starts from what the import stored, not from the files.
/// </summary>
public static class ImportStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

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

        async Task Write<T>(IEnumerable<T> records)
        {
            kind.Value = typeof(T).Name;
            foreach (var record in records)
            {
                json.Value = JsonSerializer.Serialize(record, Json);
                await insert.ExecuteNonQueryAsync(cancellationToken);
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
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The records a run imported, each kind in the order it was imported.</summary>
    public static async Task<CycleData> LoadAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);

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

        return new CycleData(
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
    }
}
