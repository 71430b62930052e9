namespace BatchCycle.Runs;

/// <summary>
/// One stage of a cycle run. A stage reads what earlier stages stored in the database for the run and stores
/// what it produced, so that it can be re-run alone.
/// </summary>
public interface IRunStage
{
    /// <summary>Stable name shown on the dashboard and in run-summary.json, e.g. <c>import</c>.</summary>
    string Name { get; }

    Task<StageOutcome> RunAsync(RunContext run, CancellationToken cancellationToken);
}

/// <summary>
/// A stage that fills in templates the secretariat edits. The pipeline asks every such stage to read its templates
/// before the first stage starts, so that a mistake in one fails the run before anything is written.
/// </summary>
public interface ITemplatedStage : IRunStage
{
    /// <summary>Reads and checks the templates; a mistake is a <see cref="UserFacingException"/> naming the file and line.</summary>
    void CheckTemplates(BatchCycle.Cycle.BatchCycleSettings settings);
}

/// <summary>What a stage reports: counts (e.g. applications, issues) and warnings for the user.</summary>
public sealed record StageOutcome(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<string> Warnings)
{
    public static StageOutcome Of(params (string Name, long Count)[] counts) =>
        new(counts.ToDictionary(c => c.Name, c => c.Count), []);

    public StageOutcome WithWarnings(IEnumerable<string> warnings) => this with { Warnings = [.. Warnings, .. warnings] };
}
