using System.Text.Encodings.Web;
using System.Text.Json;
using BatchCycle.Messages;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;

namespace BatchCycle.Runs;

/// <summary>Makes <c>run-summary.json</c>: counts per stage, timings, inputs with checksums, warnings.</summary>
public static class RunSummaryWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Chinese file names and warnings stay readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The summary's bytes (UTF-8 JSON); <see cref="RunOutputs.WriteSummaryAsync"/> records them, then writes the file.</summary>
    public static async Task<byte[]> RenderAsync(RunContext run, CancellationToken cancellationToken)
    {
        await using var db = run.OpenDb();
        var record = await db.Runs.AsNoTracking().Include(r => r.Stages).SingleAsync(r => r.Id == run.RunId, cancellationToken);
        var inputs = await db.SourceFiles.AsNoTracking()
            .Where(f => f.RunId == run.RunId)
            .OrderBy(f => f.FileName)
            .Select(f => new { file = f.OriginalName ?? f.FileName, storedAs = f.FileName, sha256 = f.Sha256, bytes = f.Size, kinds = f.Kinds })
            .ToListAsync(cancellationToken);
        var stages = record.Stages.OrderBy(s => s.Position).Select(s => new
        {
            name = s.Stage,
            state = s.State.ToString(),
            seconds = s.StartedAt is { } start && s.FinishedAt is { } end ? Math.Round((end - start).TotalSeconds, 3) : (double?)null,
            counts = JsonSerializer.Deserialize<Dictionary<string, long>>(s.CountsJson),
            warnings = JsonSerializer.Deserialize<List<string>>(s.WarningsJson),
            error = s.Error is null ? null : FirstLine(s.Error),
        }).ToList();
        var summary = new
        {
            run = record.Id,
            year = record.Year,
            asOf = Days.Iso(record.AsOf),
            state = record.State.ToString(),
            startedBy = record.StartedBy,
            startedAt = record.StartedAt,
            finishedAt = record.FinishedAt,
            seconds = record.FinishedAt is { } finished ? Math.Round((finished - record.StartedAt).TotalSeconds, 3) : (double?)null,
            error = record.Error,
            stages,
            inputs,
            warnings = stages.SelectMany(s => s.warnings ?? []).ToList(),
        };
        return System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(summary, Json));
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
