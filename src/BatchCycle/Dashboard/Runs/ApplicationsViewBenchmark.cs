using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BatchCycle.Import;
using BatchCycle.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Dashboard.Runs;

/// <summary>One query of the applications list as the dashboard runs it, and its times over the repeats.</summary>
public sealed record ViewQueryTiming(string Name, string Url, int Total, double MedianMilliseconds, double MaxMilliseconds);

/// <summary>The list pages' times at one number of applications.</summary>
public sealed record ApplicationsViewReport(int Applications, int Repeats, double FillSeconds, IReadOnlyList<ViewQueryTiming> Queries)
{
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
}

/// <summary>
/// Times the applications list (issue: "a run of 100,000 applications, each page under a second") on a fresh
/// database holding one run of synthetic applications, through <see cref="ApplicationViews.ListAsync"/>, the
/// query the page itself runs, so an index the page needs and lacks shows here.
/// </summary>
public static class ApplicationsViewBenchmark
{
    private static readonly string[] Labels = ["M", "P", "E", "H"];
    private static readonly string[] Outcomes = ["Eligible", "Ineligible", "NeedsReview"];
    private static readonly string[] Decisions = ["Approved", "Rejected"];

    /// <summary>Traditional characters, so that the simplified search below must go through the folding.</summary>
    private static readonly string[] Names = ["東莞綠色製造", "深圳環保科技", "廣州清潔生產", "佛山節能實業", "惠州電子"];

    /// <summary>Measured on a SQLite file of its own, which the benchmark fills and deletes.</summary>
    public static async Task<ApplicationsViewReport> MeasureAsync(string databasePath, int applications, int repeats, CancellationToken cancellationToken)
    {
        var database = BatchCycleDatabase.Sqlite(databasePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(applications, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var started = Stopwatch.StartNew();
        var runId = await FillAsync(database, applications, cancellationToken);
        var fill = started.Elapsed.TotalSeconds;
        var middle = applications / 2;
        var queries = new (string Name, ApplicationFilter Filter)[]
        {
            ("first page", new ApplicationFilter(null, null, null, null, 1)),
            ("search by id", new ApplicationFilter(IdOf(middle).ToLowerInvariant(), null, null, null, 1)),
            ("search by Chinese name", new ApplicationFilter(TextFolding.ToSimplified(NameOf(middle)), null, null, null, 1)),
            ("label filter", new ApplicationFilter(null, "M", null, null, 1)),
            ("outcome filter", new ApplicationFilter(null, null, "Ineligible", null, 1)),
            ("decision filter", new ApplicationFilter(null, null, null, "Approved", 1)),
            ("no decision filter", new ApplicationFilter(null, null, null, ApplicationFilter.NoDecision, 1)),
            ("all filters, page 2", new ApplicationFilter(null, "P", "Eligible", "Rejected", 2)),
            ("last page", new ApplicationFilter(null, null, null, null, int.MaxValue)),
        };
        var timings = new List<ViewQueryTiming>();
        foreach (var (name, filter) in queries)
        {
            timings.Add(await TimeAsync(database, runId, name, filter, repeats, cancellationToken));
        }

        return new ApplicationsViewReport(applications, repeats, fill, timings);
    }

    private static async Task<ViewQueryTiming> TimeAsync(BatchCycleDatabase database, long runId, string name, ApplicationFilter filter, int repeats, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var total = 0;
        for (var i = 0; i < repeats; i++)
        {
            // A fresh context per request, as the page opens one.
            var watch = Stopwatch.StartNew();
            await using var db = database.Open();
            var page = await ApplicationViews.ListAsync(db, runId, filter, cancellationToken);
            times.Add(watch.Elapsed.TotalMilliseconds);
            total = page.Total;
        }

        times.Sort();
        var median = (times[(times.Count - 1) / 2] + times[times.Count / 2]) / 2;
        var url = string.Create(CultureInfo.InvariantCulture, $"/runs/{runId}/applications?q={filter.Q}&label={filter.Label}&outcome={filter.Outcome}&decision={filter.Decision}&page={filter.Page}");
        return new ViewQueryTiming(name, url, total, median, times[^1]);
    }

    private static string IdOf(int i) => string.Create(CultureInfo.InvariantCulture, $"APP-{i:D7}");

    private static string NameOf(int i) => string.Create(CultureInfo.InvariantCulture, $"{Names[i % Names.Length]}有限公司{i:D6}");

    /// <summary>One run, its applications and their screening outcomes, in one transaction with prepared statements.</summary>
    private static async Task<long> FillAsync(BatchCycleDatabase database, int applications, CancellationToken cancellationToken)
    {
        database.Migrate();
        await using var db = database.Open();
        var now = DateTime.UtcNow;
        var run = new RunRecord { Year = now.Year, State = RunState.Completed, StartedAt = now, StartedBy = "benchmark", InputFolder = "", OutFolder = "", AsOf = DateOnly.FromDateTime(now) };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        using var application = Command(connection, transaction, run.Id, """
            INSERT INTO RunApplications (RunId, ApplicationId, ApplicantName, ApplicantNameEn, FactoryId, FactoryName, PanelDecision, SearchText, Source)
            VALUES ($run, $p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7)
            """, 8);
        using var outcome = Command(connection, transaction, run.Id, """
            INSERT INTO ScreeningOutcomes (RunId, ApplicationId, LabelType, Kind, Outcome, NotMet, Unknown, Reasons)
            VALUES ($run, $p0, $p1, $p2, $p3, '', '', '')
            """, 4);
        for (var i = 0; i < applications; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = IdOf(i);
            var name = NameOf(i);
            var factory = string.Create(CultureInfo.InvariantCulture, $"F{i:D7}");
            var english = string.Create(CultureInfo.InvariantCulture, $"Green Manufacturing {i} Ltd");
            var decision = i % 3 == 2 ? null : Decisions[i % 2];
            Set(application, id, name, english, factory, name + "廠", decision,
                TextFolding.Fold(string.Join(' ', id, name, english, factory, name + "廠")), "applications.csv");
            Set(outcome, id, Labels[i % Labels.Length], i % 5 == 0 ? "Renewal" : "New", Outcomes[i % Outcomes.Length]);
        }

        await transaction.CommitAsync(cancellationToken);
        return run.Id;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, long runId, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$run", runId);
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(string.Create(CultureInfo.InvariantCulture, $"$p{i}"), SqliteType.Text);
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params string?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i + 1].Value = values[i] ?? (object)DBNull.Value;
        }

        // Synchronous: Microsoft.Data.Sqlite runs the async form synchronously anyway, at a cost per row.
        command.ExecuteNonQuery();
    }
}
