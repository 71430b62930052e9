using BatchCycle.Runs;

namespace BatchCycle.Screening;

/// <summary>
/// The screenings of the run screened last, kept in memory for the stages after it. The database holds the same
/// results (tables ScreeningOutcomes and RequirementResults) and stays what a stage of any other run reads; in
/// the run that screened, reading back hundreds of thousands of requirement lines would only rebuild these.
/// </summary>
public static class ScreeningResults
{
    private static readonly LastRunMemory<IReadOnlyList<ApplicationScreening>> Screened = new();

    public static void Remember(RunContext run, IReadOnlyList<ApplicationScreening> screenings) => Screened.Remember(run, screenings);

    /// <summary>The screenings of this run, ordered by application id, when this process screened it last.</summary>
    public static IReadOnlyList<ApplicationScreening>? Recall(RunContext run) => Screened.Recall(run);
}
