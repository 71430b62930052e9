using BatchCycle.Cycle;
using BatchCycle.Storage;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Pipeline;

/// <summary>Everything a stage needs to know about the run it belongs to.</summary>
public sealed class RunContext(
    long runId,
    RunRequest request,
    CycleCalendar calendar,
    BatchCycleSettings settings,
    BatchCycleDatabase database,
    ILoggerFactory loggerFactory)
{
    private readonly Lock progressGate = new();
    private DateTime lastProgressWrite = DateTime.MinValue;

    public long RunId { get; } = runId;

    public RunRequest Request { get; } = request;

    public CycleCalendar Calendar { get; } = calendar;

    public BatchCycleSettings Settings { get; } = settings;

    /// <summary>Where the database is: a SQLite file or a PostgreSQL server (the name is kept from when it was a file path).</summary>
    public BatchCycleDatabase Database { get; } = database;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public string OutFolder => Request.OutFolder;

    public string InputFolder => Request.InputFolder;

    public DateOnly AsOf => Request.AsOf;

    /// <summary>The stage now running; set by the pipeline.</summary>
    public string? CurrentStage { get; internal set; }

    public BatchCycleDb OpenDb() => Database.Open();

    /// <summary>A folder under the output folder, created on first use.</summary>
    public string OutPath(params string[] parts)
    {
        var path = Path.Combine([OutFolder, .. parts]);
        var folder = Path.HasExtension(path) ? Path.GetDirectoryName(path)! : path;
        Directory.CreateDirectory(folder);
        return path;
    }

    /// <summary>Records progress (0..1) of the current stage for the dashboard; writes at most twice a second.</summary>
    public void ReportProgress(double fraction)
    {
        lock (progressGate)
        {
            var now = DateTime.UtcNow;
            if (fraction < 1 && now - lastProgressWrite < TimeSpan.FromMilliseconds(500))
            {
                return;
            }

            lastProgressWrite = now;
        }

        using var db = OpenDb();
        var stage = db.RunStages.SingleOrDefault(s => s.RunId == RunId && s.Stage == CurrentStage);
        if (stage is not null)
        {
            stage.Progress = Math.Clamp(fraction, 0, 1);
            db.SaveChanges();
        }
    }
}
