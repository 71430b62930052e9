using BatchCycle.Storage;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Dashboard.Reminders;

/// <summary>Counts of one reminder round by state.</summary>
public sealed record ReminderRound(string Round, IReadOnlyDictionary<string, int> ByState)
{
    public int Count(string state) => ByState.GetValueOrDefault(state);
}

/// <summary>
/// Reads the reminder outbox with plain SQL: the table belongs to the reminders feature and may not exist in
/// an older database, in which case there is simply nothing to show.
/// </summary>
public static class ReminderCounts
{
    public static readonly string[] States = ["Drafted", "NoEmail", "Sending", "Sent", "Failed", "Uncertain"];

    public static async Task<IReadOnlyList<ReminderRound>?> ReadAsync(string databasePath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(BatchCycleDb.ConnectionString(databasePath));
        await connection.OpenAsync(cancellationToken);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ReminderOutbox'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }

        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT Round, State, COUNT(*) FROM ReminderOutbox GROUP BY Round, State ORDER BY Round";
        var rows = new List<(string Round, string State, int Count)>();
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "", reader.GetString(1), reader.GetInt32(2)));
            }
        }

        return [.. rows.GroupBy(r => r.Round).Select(g => new ReminderRound(g.Key, g.ToDictionary(r => r.State, r => r.Count)))];
    }
}
