using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BatchCycle.Import;

/// <summary>
/// One application of a run as the dashboard lists and searches it: who applied, for which factory, and the
/// panel decision in force. The imported records themselves are not kept (they are re-read from the stored
/// files), so without this row a list of 100,000 applications would mean reading the inputs again per page.
/// </summary>
public sealed class RunApplicationRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string ApplicationId { get; set; } = "";

    public string ApplicantName { get; set; } = "";

    public string? ApplicantNameEn { get; set; }

    public string? FactoryId { get; set; }

    public string? FactoryName { get; set; }

    /// <summary>The panel decision in force (the later one where the panel decided twice), or null.</summary>
    public string? PanelDecision { get; set; }

    /// <summary>Id and names folded as <see cref="TextFolding.Fold"/> does, so that a search in traditional or simplified Chinese, any case, finds them.</summary>
    public string SearchText { get; set; } = "";

    public string Source { get; set; } = "";
}

public sealed class RunApplicationConfiguration : IEntityTypeConfiguration<RunApplicationRecord>
{
    public void Configure(EntityTypeBuilder<RunApplicationRecord> builder)
    {
        builder.ToTable("RunApplications");
        builder.HasIndex(a => new { a.RunId, a.ApplicationId }).IsUnique();
    }
}

[DbContext(typeof(BatchCycleDb))]
[Migration("20261201007200_RunApplications")]
public sealed class RunApplicationsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE TABLE RunApplications (
                Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                RunId INTEGER NOT NULL REFERENCES Runs(Id) ON DELETE CASCADE,
                ApplicationId TEXT NOT NULL,
                ApplicantName TEXT NOT NULL,
                ApplicantNameEn TEXT NULL,
                FactoryId TEXT NULL,
                FactoryName TEXT NULL,
                PanelDecision TEXT NULL,
                SearchText TEXT NOT NULL,
                Source TEXT NOT NULL);
            CREATE UNIQUE INDEX IX_RunApplications_RunId_ApplicationId ON RunApplications (RunId, ApplicationId);
            """);
}

public static class RunApplications
{
    /// <summary>Replaces the run's rows in one transaction, so the import can be re-run alone.</summary>
    public static async Task SaveAsync(RunContext run, CycleData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        var decisions = new Dictionary<string, PanelDecisionValue>(StringComparer.Ordinal);
        foreach (var decision in data.PanelDecisions)
        {
            decisions[decision.ApplicationId] = decision.Decision;
        }

        await using var db = run.OpenDb();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM RunApplications WHERE RunId = $run";
            clear.Parameters.AddWithValue("$run", run.RunId);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO RunApplications (RunId, ApplicationId, ApplicantName, ApplicantNameEn, FactoryId, FactoryName, PanelDecision, SearchText, Source)
            VALUES ($run, $id, $name, $nameEn, $factoryId, $factoryName, $decision, $search, $source)
            """;
        insert.Parameters.AddWithValue("$run", run.RunId);
        var values = new[] { "$id", "$name", "$nameEn", "$factoryId", "$factoryName", "$decision", "$search", "$source" }
            .Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        insert.Prepare();
        foreach (var a in data.Applications)
        {
            cancellationToken.ThrowIfCancellationRequested();
            object?[] row = [a.ApplicationId, a.ApplicantName, a.ApplicantNameEn, a.FactoryId, a.FactoryName,
                decisions.TryGetValue(a.ApplicationId, out var d) ? d.ToString() : null,
                TextFolding.Fold(string.Join(' ', new[] { a.ApplicationId, a.ApplicantName, a.ApplicantNameEn, a.FactoryId, a.FactoryName }.OfType<string>())),
                a.Source.ToString()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i].Value = row[i] ?? DBNull.Value;
            }

            // Synchronous: Microsoft.Data.Sqlite runs the async form synchronously anyway, at a cost per row.
            insert.ExecuteNonQuery();
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
