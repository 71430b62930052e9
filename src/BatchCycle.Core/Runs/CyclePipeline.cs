using System.Diagnostics;
using System.Text.Json;
using BatchCycle.Cycle;
using BatchCycle.Pipeline;
using BatchCycle.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BatchCycle.Runs;

/// <summary>The result of asking for a run.</summary>
public sealed record RunResult(long? RunId, RunState? State, string? Error)
{
    public bool Completed => State == RunState.Completed;
}

/// <summary>
/// Runs the stages of a cycle in order under the run lock, recording each stage's state, timing and counts
/// so that the dashboard can follow a run and a crash leaves an explainable trace. Each stage is given the
/// <see cref="PipelineState"/> the stages before it produced and gives the next one.
/// </summary>
public sealed class CyclePipeline(
    BatchCycleSettings settings,
    BatchCycleDatabase database,
    IReadOnlyList<IPipelineStage> stages,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<CyclePipeline>();

    public IReadOnlyList<IPipelineStage> Stages { get; } = stages;

    /// <summary>How long a second run waits for the first to finish before giving up with a message.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    /// <summary>Called with the run id as soon as the run record exists (the dashboard redirects to it).</summary>
    public Action<long>? RunCreated { get; init; }

    /// <summary>Besides the database, what the output folder may not contain (the dashboard's data folder and keys).</summary>
    public IReadOnlyList<string> ProtectedPaths { get; init; } = [];

    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var calendar = settings.CalendarFor(request.Year);
        // The database is refused even before it exists (the run would create it there); a data folder only once
        // there is one, so that a plain `run --out .` away from any dashboard still works.
        OutFolderGuard.Check(request.OutFolder, [.. database.Files, .. ProtectedPaths.Where(Directory.Exists)]);
        database.Migrate();

        using var runLock = await RunLock.TryAcquireAsync(database, LockWait, cancellationToken);
        if (runLock is null)
        {
            return new RunResult(null, null, await DescribeActiveRunAsync(cancellationToken));
        }

        await InterruptedRuns.MarkWhileHoldingLockAsync(database, cancellationToken);
        var runId = await CreateRunAsync(request, RunState.Running, cancellationToken);
        RunCreated?.Invoke(runId);
        var context = new RunContext(runId, request, calendar, settings, database, loggerFactory);
        return await RunStagesAsync(context, 0, cancellationToken);
    }

    /// <summary>
    /// Records a run that a job will carry out later (<see cref="RunState.Queued"/>), so that the job, each of its
    /// retries and the page that asked for it all know the run by its id.
    /// </summary>
    public async Task<long> RecordQueuedAsync(RunRequest request, CancellationToken cancellationToken)
    {
        settings.CalendarFor(request.Year);
        database.Migrate();
        return await CreateRunAsync(request, RunState.Queued, cancellationToken);
    }

    /// <summary>
    /// Carries out a recorded run: a queued one from its first stage, a failed or interrupted one from the stage it
    /// stopped in, keeping the stages it completed. What those stages produced is read back (<see cref="PipelineStateLoader"/>)
    /// and each stage can be re-run alone (see <see cref="IRunStage{TInput, TOutput}"/>), so the run ends as if it had
    /// never stopped: same run, no serial issued twice, no reminder drafted twice.
    /// A completed run is left as it is. The state is null when another run holds the database.
    /// </summary>
    public async Task<RunResult> ResumeAsync(long runId, CancellationToken cancellationToken)
    {
        database.Migrate();
        using var runLock = await RunLock.TryAcquireAsync(database, LockWait, cancellationToken);
        if (runLock is null)
        {
            return new RunResult(runId, null, await DescribeActiveRunAsync(cancellationToken));
        }

        await InterruptedRuns.MarkWhileHoldingLockAsync(database, cancellationToken);
        var (request, from, state) = await ReopenAsync(runId, cancellationToken);
        if (state == RunState.Completed)
        {
            return new RunResult(runId, state, null);
        }

        RunCreated?.Invoke(runId);
        var context = new RunContext(runId, request, settings.CalendarFor(request.Year), settings, database, loggerFactory);
        return await RunStagesAsync(context, from, cancellationToken);
    }

    private async Task<RunResult> RunStagesAsync(RunContext context, int from, CancellationToken cancellationToken)
    {
        var runId = context.RunId;
        var outputs = await RunOutputs.StartAsync(database, runId, context.Request.OutFolder, cancellationToken);

        // Every template a stage fills in is read before the first stage starts: a mistake in one fails the run
        // before anything is written, naming the file and line (the secretariat edits them).
        if (TemplateMistake() is var (templated, mistake))
        {
            return await FailAsync(context, outputs, templated, mistake);
        }

        // A run that carries on reads back what its completed stages produced; failing to is the next stage's failure.
        PipelineState state;
        try
        {
            state = from == 0 ? PipelineState.Empty : await PipelineStateLoader.LoadAsync(context, Stages.Take(from).Select(s => s.Name), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await FailAsync(context, outputs, Stages[from].Name, ex);
        }

        var keptHeap = CollectorFigures.Now().HeapBytes;
        foreach (var stage in Stages.Skip(from))
        {
            context.CurrentStage = stage.Name;
            await UpdateStageAsync(runId, stage.Name, s =>
            {
                s.State = StageState.Running;
                s.StartedAt = DateTime.UtcNow;
            }, cancellationToken);
            logger.LogInformation("Run {RunId}: {Stage} started", runId, stage.Name);
            var watch = Stopwatch.StartNew();
            var collector = CollectorFigures.Now();
            try
            {
                // The stage is handed the state rather than shown it: what it does not keep (PipelineStages) it may let go.
                var given = state;
                state = PipelineState.Empty;
                var (outcome, next) = await stage.RunAsync(context, given, cancellationToken);
                var ran = CollectorFigures.Now();
                logger.LogDebug("Run {RunId}: {Stage} ran with the collector {Collector}", runId, stage.Name, ran.Since(collector));
                state = next;
                await outputs.RecordAsync(stage.Name, cancellationToken);
                keptHeap = GiveBackMemory(context, stage, keptHeap, ran.HeapBytes);
                await RecordCompletedAsync(runId, stage.Name, outcome, watch.Elapsed, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A stage failing is a bug or an environment problem (disk full, database locked): the run is
                // recorded as failed with the details, and the command reports it instead of crashing.
                return await FailAsync(context, outputs, stage.Name, ex);
            }
        }

        await FinishRunAsync(runId, RunState.Completed, null, cancellationToken);
        await outputs.WriteSummaryAsync(context, cancellationToken);
        return new RunResult(runId, RunState.Completed, null);
    }

    /// <summary>The first templated stage whose templates have a mistake, with the mistake; null when all read well.</summary>
    private (string Stage, UserFacingException Mistake)? TemplateMistake()
    {
        foreach (var stage in Stages.OfType<ITemplatedStage>())
        {
            try
            {
                stage.CheckTemplates(settings);
            }
            catch (UserFacingException ex)
            {
                return (stage.Name, ex);
            }
        }

        return null;
    }

    /// <summary>
    /// What a stage leaves behind (the import's parsing, screening's index) is given back to the system before the next
    /// stage starts, rather than when the collector next decides to: otherwise the peak memory of a whole-region run is
    /// the sum of the stages' garbage. Measured at 100×: 1.9 GB with this, 2.0–2.1 GB when compacting without giving
    /// back (Forced), 2.4–2.9 GB without. Each costs 0.2–0.5 s there, so it is not paid after the last stage, nor while
    /// the heap has grown by less than an eighth since it was last given back. The growth is counted across stages: at
    /// 100× the panel's heap grew by 7 % and the certificates' by 12 %, each under the mark, and the 1.1 GB they left
    /// was still held at the reminders, where the run's memory then peaked at 1.8 GB.
    /// </summary>
    /// <param name="keptHeap">The heap's size after memory was last given back (or as the run started).</param>
    /// <returns>The heap's size to count the next stages' growth from.</returns>
    private long GiveBackMemory(RunContext context, IPipelineStage stage, long keptHeap, long heapAfter)
    {
        if (ReferenceEquals(stage, Stages[^1]) || (heapAfter - keptHeap) * 8 < keptHeap)
        {
            return keptHeap;
        }

        var collecting = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogDebug("Run {RunId}: memory given back after {Stage} in {Seconds:0.00} s", context.RunId, stage.Name, collecting.Elapsed.TotalSeconds);
        return CollectorFigures.Now().HeapBytes;
    }

    private async Task RecordCompletedAsync(long runId, string stageName, StageOutcome outcome, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        await UpdateStageAsync(runId, stageName, s =>
        {
            s.State = StageState.Completed;
            s.FinishedAt = DateTime.UtcNow;
            s.Progress = 1;
            s.CountsJson = JsonSerializer.Serialize(outcome.Counts);
            s.WarningsJson = JsonSerializer.Serialize(outcome.Warnings);
        }, cancellationToken);
        foreach (var warning in outcome.Warnings)
        {
            logger.LogWarning("{Stage}: {Warning}", stageName, warning);
        }

        logger.LogInformation("Run {RunId}: {Stage} done in {Seconds:0.00} s", runId, stageName, elapsed.TotalSeconds);
    }

    /// <summary>Records the stage and the run as failed with the error, and writes the run's summary.</summary>
    private async Task<RunResult> FailAsync(RunContext context, RunOutputs outputs, string stageName, Exception ex)
    {
        var runId = context.RunId;
        if (ex is UserFacingException)
        {
            logger.LogError("Run {RunId}: {Stage} stopped: {Message}", runId, stageName, ex.Message);
        }
        else
        {
            logger.LogError(ex, "Run {RunId}: {Stage} failed", runId, stageName);
        }

        await UpdateStageAsync(runId, stageName, s =>
        {
            s.State = StageState.Failed;
            s.FinishedAt = DateTime.UtcNow;
            s.Error = ex is UserFacingException ? ex.Message : ex.ToString();
        }, CancellationToken.None);
        await FinishRunAsync(runId, RunState.Failed, $"{stageName}: {ex.Message}", CancellationToken.None);
        await outputs.TryWriteSummaryAsync(context, logger);
        return new RunResult(runId, RunState.Failed, $"The {stageName} stage failed: {ex.Message}");
    }

    private async Task<string> DescribeActiveRunAsync(CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var active = await db.Runs.AsNoTracking()
            .Where(r => r.State == RunState.Running)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return active is null
            ? "Another run is using this database; try again when it has finished."
            : $"Run {active.Id} ({active.Year}, started {active.StartedAt:yyyy-MM-dd HH:mm} UTC by {active.StartedBy}) is still running on this database; try again when it has finished.";
    }

    private async Task<long> CreateRunAsync(RunRequest request, RunState state, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var run = new RunRecord
        {
            Year = request.Year,
            State = state,
            StartedAt = DateTime.UtcNow,
            StartedBy = request.StartedBy,
            InputFolder = Path.GetFullPath(request.InputFolder),
            OutFolder = Path.GetFullPath(request.OutFolder),
            AsOf = request.AsOf,
            Stages = [.. Stages.Select((s, i) => new RunStageRecord { Position = i, Stage = s.Name, State = StageState.Pending })],
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    /// <summary>Marks the run running again from its first stage not completed, whose stages after it start over.</summary>
    private async Task<(RunRequest Request, int From, RunState State)> ReopenAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var run = await db.Runs.Include(r => r.Stages).SingleAsync(r => r.Id == runId, cancellationToken);
        var request = new RunRequest(run.InputFolder, run.OutFolder, run.Year, run.AsOf, run.StartedBy);
        if (run.State == RunState.Completed)
        {
            return (request, Stages.Count, run.State);
        }

        // A run recorded with other stages (by an earlier version) gets a record for each stage it will run.
        var recorded = run.Stages.Select(s => s.Stage).ToHashSet(StringComparer.Ordinal);
        run.Stages.AddRange(Stages.Select((s, i) => (s.Name, i)).Where(s => !recorded.Contains(s.Name))
            .Select(s => new RunStageRecord { Position = s.i, Stage = s.Name, State = StageState.Pending }));
        var done = run.Stages.Where(s => s.State == StageState.Completed).Select(s => s.Stage).ToHashSet(StringComparer.Ordinal);
        var from = Stages.TakeWhile(s => done.Contains(s.Name)).Count();
        var again = Stages.Skip(from).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stage in run.Stages.Where(s => again.Contains(s.Stage)))
        {
            (stage.State, stage.StartedAt, stage.FinishedAt, stage.Progress, stage.Error) = (StageState.Pending, null, null, 0, null);
        }

        if (run.State == RunState.Queued)
        {
            // A queued run starts now; the time it was asked for is the job's.
            run.StartedAt = DateTime.UtcNow;
        }

        (run.State, run.Error, run.FinishedAt) = (RunState.Running, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return (request, from, run.State);
    }

    private async Task UpdateStageAsync(long runId, string stageName, Action<RunStageRecord> update, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var stage = await db.RunStages.SingleAsync(s => s.RunId == runId && s.Stage == stageName, cancellationToken);
        update(stage);
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        run.CurrentStage = stageName;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task FinishRunAsync(long runId, RunState state, string? error, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        run.State = state;
        run.Error = error;
        run.FinishedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }
}
