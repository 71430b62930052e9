using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BatchCycle.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BatchCycle.Tests.Reliability;

/// <summary>Watches a real run from outside: its peak memory, its stages in the database, the database's health.</summary>
public static class RunProbe
{
    /// <summary>Runs the program and samples its peak resident memory (VmHWM, which the kernel keeps as a high-water mark).</summary>
    public static async Task<(ProgramRunner.Result Result, long PeakBytes)> RunMeasuringPeakMemoryAsync(string workingDirectory, params string[] args)
    {
        using var process = ProgramRunner.Start(workingDirectory, null, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var watch = Stopwatch.StartNew();
        while (!process.HasExited && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id) ?? 0);
            await Task.Delay(25);
        }

        await process.WaitForExitAsync();
        return (new ProgramRunner.Result(process.ExitCode, await stdout, await stderr), peak);
    }

    /// <summary>The process's VmHWM from /proc, null once it has gone.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>What SQLite's own check says of the whole file: "ok" when it is sound.</summary>
    public static string IntegrityCheck(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }

    public static List<T> Query<T>(string databasePath, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>The runs of the database by id: state and the stage it was in.</summary>
    public static List<(long Id, string State, string? Stage)> Runs(string databasePath) =>
        Query(databasePath, "SELECT Id, State, CurrentStage FROM Runs ORDER BY Id", r => (r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));

    /// <summary>The counts a stage recorded for a run (e.g. import: applications, issues, files).</summary>
    public static Dictionary<string, long> StageCounts(string databasePath, long runId, string stage) =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(
            Query(databasePath, "SELECT CountsJson FROM RunStages WHERE RunId = $run AND Stage = $stage", r => r.GetString(0), ("$run", runId), ("$stage", stage)).Single())!;
}
