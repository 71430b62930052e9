using BatchCycle.Runs;
using BatchCycle.Storage;
using BatchCycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Tests.Storage;

/// <summary>
/// Rows written in bulk on SQLite's own statement are stored exactly as EF Core stores the same values: the same
/// SQLite type and the same value in every column, so that every reader (EF, the dashboard, a resumed run) sees no difference.
/// </summary>
public sealed class TableInsertTests
{
    private static readonly DateTime Moment = new(2025, 12, 1, 8, 30, 15, 123, DateTimeKind.Utc);

    [Fact]
    public async Task A_row_written_in_bulk_is_stored_as_EF_Core_stores_it()
    {
        using var temp = new TempFolder();
        // The bulk rows go to a second run: the output files are unique per run and path.
        var (db, runs) = await DatabaseWithRunsAsync(temp, 2);
        await using var _ = db;
        var (run, bulk) = (runs[0], runs[1]);
        db.Set<RunOutputFile>().Add(new RunOutputFile { RunId = run.Id, Stage = "panel", RelativePath = "panel/甲.xlsx", Size = 1L << 40, Sha256 = "ab", RecordedAt = Moment });
        db.RequirementResults.AddRange(
            new RequirementResultRecord { RunId = run.Id, ApplicationId = "A-1", Requirement = "4.1-I", Result = "Met", Evidence = "", Note = "合格 ok", IsTopLevel = true, Reason = null },
            new RequirementResultRecord { RunId = run.Id, ApplicationId = "A-2", Requirement = "4.1-I-2", Result = "NotMet", Evidence = "OA22-1; OA22-2", Note = "", IsTopLevel = false, Reason = "{\"k\":\"x\"}" });
        await db.SaveChangesAsync();

        var connection = db.Database.GetDbConnection();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var files = await TableInsert.StartAsync(connection, transaction, "RunOutputFiles", ["RunId", "Stage", "RelativePath", "Size", "Sha256", "RecordedAt"], default))
            {
                files.Add(bulk.Id, "panel", "panel/甲.xlsx", 1L << 40, "ab", Moment);
            }

            await using (var lines = await TableInsert.StartAsync(connection, transaction, "RequirementResults", ["RunId", "ApplicationId", "Requirement", "Result", "Evidence", "Note", "IsTopLevel", "Reason"], default))
            {
                lines.Add(bulk.Id, "A-1", "4.1-I", "Met", "", "合格 ok", true, null);
                lines.Add(bulk.Id, "A-2", "4.1-I-2", "NotMet", "OA22-1; OA22-2", "", false, "{\"k\":\"x\"}");
            }

            await transaction.CommitAsync();
        }

        var stored = await StoredAsync(db, "RunOutputFiles", "Stage, RelativePath, Size, Sha256, RecordedAt");
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored[0], stored[1]);
        var lines2 = await StoredAsync(db, "RequirementResults", "ApplicationId, Requirement, Result, Evidence, Note, IsTopLevel, Reason");
        Assert.Equal(4, lines2.Count);
        Assert.Equal(lines2[0], lines2[2]);
        Assert.Equal(lines2[1], lines2[3]);
        Assert.Contains("text:", lines2[0]);
        Assert.Contains("null:", lines2[0]);
    }

    [Fact]
    public async Task Rows_are_written_only_inside_a_transaction_of_their_connection()
    {
        using var temp = new TempFolder();
        var (db, _) = await DatabaseWithRunsAsync(temp, 0);
        await using var __ = db;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TableInsert.StartAsync(db.Database.GetDbConnection(), null, "RunOutputFiles", ["RunId"], default));

        Assert.Equal("transaction", error.ParamName);
    }

    [Fact]
    public async Task Rows_may_be_written_inside_a_transaction_begun_in_SQL()
    {
        using var temp = new TempFolder();
        var (db, runs) = await DatabaseWithRunsAsync(temp, 1);
        await using var _ = db;
        var run = runs[0];
        var connection = db.Database.GetDbConnection();

        await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE");
        await using (var files = await TableInsert.StartAsync(connection, null, "RunOutputFiles", ["RunId", "Stage", "RelativePath", "Size", "Sha256", "RecordedAt"], default))
        {
            files.Add(run.Id, "panel", "panel/a.xlsx", 1L, "ab", Moment);
        }

        await db.Database.ExecuteSqlRawAsync("COMMIT");

        Assert.Equal("panel/a.xlsx", Assert.Single(await db.Set<RunOutputFile>().Select(f => f.RelativePath).ToListAsync()));
    }

    /// <summary>A new database with <paramref name="count"/> runs, its connection open.</summary>
    private static async Task<(BatchCycleDb Db, RunRecord[] Runs)> DatabaseWithRunsAsync(TempFolder temp, int count)
    {
        var database = BatchCycleDatabase.Sqlite(temp.Combine("cycle.db"));
        database.Migrate();
        var db = database.Open();
        var runs = Enumerable.Range(0, count)
            .Select(_ => new RunRecord { Year = 2025, StartedAt = Moment, StartedBy = "test", InputFolder = "in", OutFolder = "out", AsOf = new DateOnly(2025, 12, 1) })
            .ToArray();
        db.Runs.AddRange(runs);
        await db.SaveChangesAsync();
        await db.Database.GetDbConnection().OpenAsync();
        return (db, runs);
    }

    /// <summary>Each row as "type:value|…" of the columns, in the order stored.</summary>
    private static async Task<List<string>> StoredAsync(BatchCycleDb db, string table, string columns)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        var names = columns.Split(", ");
        command.CommandText = $"SELECT {string.Join(", ", names.Select(n => $"typeof({n}) || ':' || coalesce(quote({n}), '')"))} FROM {table} ORDER BY Id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, names.Length).Select(reader.GetString)));
        }

        return rows;
    }
}
