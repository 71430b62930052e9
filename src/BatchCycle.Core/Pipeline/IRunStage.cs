using BatchCycle.Cycle;

namespace BatchCycle.Pipeline;

/// <summary>A stage of a cycle run, as the dashboard and run-summary.json name it.</summary>
public interface IRunStage
{
    /// <summary>Stable name shown on the dashboard and in run-summary.json, e.g. <c>import</c>.</summary>
    string Name { get; }
}

/// <summary>
/// One stage of a cycle run as a function: what the stages before it produced (<typeparamref name="TInput"/>) and
/// the database it writes to give what it produced (<typeparamref name="TOutput"/>) and its counts. A stage keeps
/// nothing between runs, so it can be re-run alone from an input rebuilt from what the database holds.
/// </summary>
/// <remarks>
/// The contract lives at the bottom of the layering, so that each stage sits in its own feature's folder and
/// sees only the layers below it; the run layer fits the stages together.
/// </remarks>
public interface IRunStage<in TInput, TOutput> : IRunStage
{
    Task<StageResult<TOutput>> RunAsync(RunContext run, TInput input, CancellationToken cancellationToken);
}

/// <summary>
/// A stage that fills in templates the secretariat edits. The pipeline asks every such stage to read its templates
/// before the first stage starts, so that a mistake in one fails the run before anything is written.
/// </summary>
public interface ITemplatedStage : IRunStage
{
    /// <summary>Reads and checks the templates; a mistake is a <see cref="UserFacingException"/> naming the file and line.</summary>
    void CheckTemplates(BatchCycleSettings settings);
}

/// <summary>What a stage reports: counts (e.g. applications, issues) and warnings for the user.</summary>
public sealed record StageOutcome(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<string> Warnings)
{
    public static StageOutcome Of(params (string Name, long Count)[] counts) =>
        new(counts.ToDictionary(c => c.Name, c => c.Count), []);

    public StageOutcome WithWarnings(IEnumerable<string> warnings) => this with { Warnings = [.. Warnings, .. warnings] };

    /// <summary>This outcome with what the stage produced, for the stages after it.</summary>
    public StageResult<T> With<T>(T value) => new(this, value);
}

/// <summary>What a stage reports (<see cref="Outcome"/>) and what it produced for the stages after it (<see cref="Value"/>).</summary>
public sealed record StageResult<T>(StageOutcome Outcome, T Value);
