using System.Text.Json;
using BatchCycle.Cycle;
using BatchCycle.Dashboard.Runs;
using BatchCycle.Messages;
using BatchCycle.Storage;

namespace BatchCycle.Cli;

/// <summary>
/// What the end of a run tells the user, read from what the pipeline recorded: <c>run-summary.json</c> (the counts
/// and warnings of each stage) and the run's screening outcomes per label type in the database. Nothing is
/// counted again here. Two warnings the user must act on are derived from the settings the run used: a
/// verification link on the certificates that only this computer can open, and a renewal deadline already past.
/// </summary>
public sealed record RunReport(
    long RunId,
    int Year,
    DateOnly AsOf,
    string OutFolder,
    IReadOnlyList<OutcomeRow> Outcomes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> StageCounts,
    IReadOnlyList<string> StageWarnings,
    string? LoopbackVerifyUrl,
    DateOnly? DeadlinePassed)
{
    /// <summary>A count a stage recorded, e.g. (<c>certificates</c>, <c>issued</c>); 0 when the stage did not record it.</summary>
    public long Count(string stage, string name) =>
        StageCounts.TryGetValue(stage, out var counts) && counts.TryGetValue(name, out var count) ? count : 0;

    public static async Task<RunReport> ReadAsync(BatchCycleDatabase database, long runId, string outFolder, BatchCycleSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outFolder, "run-summary.json"), cancellationToken));
        var root = summary.RootElement;
        var year = root.GetProperty("year").GetInt32();
        var asOf = Days.ParseIso(root.GetProperty("asOf").GetString()!);
        var stageCounts = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var stage in root.GetProperty("stages").EnumerateArray())
        {
            var counts = stage.GetProperty("counts");
            stageCounts[stage.GetProperty("name").GetString()!] = counts.ValueKind == JsonValueKind.Object
                ? counts.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt64(), StringComparer.Ordinal)
                : new Dictionary<string, long>();
        }

        var warnings = root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString() ?? "").ToList();
        IReadOnlyList<OutcomeRow> outcomes;
        await using (var db = database.Open())
        {
            outcomes = await RunViews.OutcomesAsync(db, runId, cancellationToken);
        }

        var report = new RunReport(runId, year, asOf, outFolder, outcomes, stageCounts, warnings, null, null);
        var closes = settings.DatesFor(year).Closes;
        return report with
        {
            // docs/outputs.md "Certificates": each carries its verification link; a link to this computer reaches no holder.
            LoopbackVerifyUrl = report.Count("certificates", "certificates") > 0 && IsLoopback(settings.VerifyBaseUrl) ? settings.VerifyBaseUrl : null,
            // Reminders ask for a renewal application by the cycle's closing day; on a later day they name a day already gone.
            DeadlinePassed = closes < asOf ? closes : null,
        };
    }

    /// <summary>True for localhost, 127.0.0.0/8 and ::1: addresses only the computer that opens them can reach.</summary>
    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase));
}
